package dev.diffprobe.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model.yaml that contradicts its weights is refused at load, naming the field. */
class ReferenceCheckTest {

    @TempDir
    Path temp;

    @Test
    void epsilonDeclaredOnAVModel() throws IOException {
        Path checkpoint = Fixtures.copy("tiny-latent", temp);
        BrokenCheckpointTest.edit(checkpoint, "prediction: v", "prediction: epsilon");
        assertRefused(checkpoint, "prediction: model.yaml says epsilon, but the outputs reference.json records are"
                + " those of prediction: v");
    }

    @Test
    void vDeclaredOnAnEpsilonModel() throws IOException {
        Path checkpoint = Fixtures.copy("tiny-diffusion", temp);
        BrokenCheckpointTest.edit(checkpoint, "prediction: epsilon", "prediction: v");
        assertRefused(checkpoint, "prediction: model.yaml says v, but the outputs reference.json records are"
                + " those of prediction: epsilon");
    }

    @Test
    void aLargerResolutionThanTheWeightsWereMadeFor() throws IOException {
        for (String fixture : new String[] {"tiny-diffusion", "tiny-latent"}) {
            Path checkpoint = Fixtures.copy(fixture, temp);
            BrokenCheckpointTest.edit(checkpoint, "resolution: 8", "resolution: 16");
            assertRefused(checkpoint, "resolution");
            assertRefused(checkpoint, "model.yaml says 16 pixels");
        }
    }

    @Test
    void aContrastiveResolutionThanTheWeightsWereMadeFor() throws IOException {
        Path checkpoint = Fixtures.copy("tiny-contrastive", temp);
        BrokenCheckpointTest.edit(checkpoint, "resolution: 8", "resolution: 16");
        assertThatThrownBy(() -> Checkpoint.openContrastive(checkpoint.toString(), Fixtures.settings()))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("resolution: model.yaml says 16, but reference.json was made with 8x8 images");
    }

    @Test
    void anotherSchedule() throws IOException {
        Path checkpoint = Fixtures.copy("tiny-x0", temp);
        BrokenCheckpointTest.edit(checkpoint, "train_timesteps: 100", "train_timesteps: 1000");
        assertRefused(checkpoint, "schedule: model.yaml's schedule gives alpha_bar");
    }

    @Test
    void otherDenoiserWeights() throws IOException {
        Path checkpoint = Fixtures.copy("tiny-diffusion", temp);
        Files.copy(Fixtures.dir("tiny-x0").resolve("denoiser.pt"), checkpoint.resolve("denoiser.pt"),
                StandardCopyOption.REPLACE_EXISTING);
        assertRefused(checkpoint, "files.denoiser: x0 at t = ");
    }

    @Test
    void withoutAReferenceItLoadsUnverified() throws IOException {
        Path checkpoint = Fixtures.copy("tiny-diffusion", temp);
        BrokenCheckpointTest.edit(checkpoint, "prediction: epsilon", "prediction: v");
        Files.delete(checkpoint.resolve("reference.json"));
        try (DiffusionModel model = Checkpoint.openDiffusion(checkpoint, Fixtures.settings())) {
            org.assertj.core.api.Assertions.assertThat(model.name()).isEqualTo("tiny-diffusion");
        }
    }

    @Test
    void withoutAReferenceItIsRefusedWhereUncappedKernelsMiscompute() throws IOException {
        Path checkpoint = Fixtures.copy("tiny-diffusion", temp);
        Files.delete(checkpoint.resolve("reference.json"));
        ModelConfig config = Checkpoint.config(checkpoint.toString(), Fixtures.settings());
        for (String cap : new String[] {null, "AVX2", "DEFAULT"}) {
            assertThatThrownBy(() -> ReferenceCheck.of(config, true, CpuKernels.of(CpuKernelsTest.ZEN5, cap)))
                    .isInstanceOf(CheckpointException.class)
                    .hasMessageContaining("it has no reference.json")
                    .hasMessageContaining("ONEDNN_MAX_CPU_ISA=SSE41")
                    .hasMessageContaining("now " + (cap == null ? "unset" : cap));
        }
        assertThat(ReferenceCheck.of(config, true, CpuKernels.of(CpuKernelsTest.ZEN5, "SSE41"))).isEmpty();
        assertThat(ReferenceCheck.of(config, false, CpuKernels.of(CpuKernelsTest.ZEN5, null))).isEmpty();
    }

    @Test
    void aDenoiserWrongOnlyInFullBatchesIsRefused() throws IOException {
        Path checkpoint = Fixtures.copy("tiny-diffusion", temp);
        ModelConfig config = Checkpoint.config(checkpoint.toString(), Fixtures.settings());
        Reference reference = Reference.read(checkpoint);
        try (DiffusionModel model = Checkpoint.openDiffusion(checkpoint, Fixtures.settings())) {
            assertThat(ReferenceCheck.diffusion(model, config, reference)).isEmpty();
            int recorded = reference.shape("denoiser", "x_t").get(0);
            for (int wrongFrom : new int[] {recorded + 1, model.maxBatch()}) {
                assertThat(ReferenceCheck.diffusion(new WrongInLargeBatches(model, wrongFrom), config, reference))
                        .singleElement().asString()
                        .contains("in a batch of " + model.maxBatch(), "while in a batch of " + recorded + " it matches");
            }
            assertThat(ReferenceCheck.diffusion(new WrongInLargeBatches(model, model.maxBatch() + 1), config,
                    reference)).isEmpty();
        }
    }

    /** A denoiser whose outputs are NaN in batches of at least {@code from} images, as a miscomputing kernel's. */
    private record WrongInLargeBatches(DiffusionModel model, int from) implements DiffusionModel {
        @Override
        public float[][] predictX0(java.util.List<float[]> xt, float[] t, java.util.List<TextEmbedding> cond) {
            float[][] x0 = model.predictX0(xt, t, cond);
            if (xt.size() >= from) {
                java.util.Arrays.fill(x0[x0.length - 1], Float.NaN);
            }
            return x0;
        }

        @Override public String name() { return model.name(); }
        @Override public String fingerprint() { return model.fingerprint(); }
        @Override public int resolution() { return model.resolution(); }
        @Override public int latentSize() { return model.latentSize(); }
        @Override public NoiseSchedule schedule() { return model.schedule(); }
        @Override public int maxBatch() { return model.maxBatch(); }
        @Override public float[] encodeImage(float[] pixels) { return model.encodeImage(pixels); }
        @Override public PromptTokens tokenize(String prompt) { return model.tokenize(prompt); }
        @Override public TextEmbedding encodeText(String prompt) { return model.encodeText(prompt); }
        @Override public void close() { }
    }

    @Test
    void anUnreadableReferenceIsNamed() throws IOException {
        Path checkpoint = Fixtures.copy("tiny-diffusion", temp);
        Files.writeString(checkpoint.resolve("reference.json"), "{\"prompts\": [");
        assertRefused(checkpoint, "reference.json cannot be read");
    }

    private static void assertRefused(Path checkpoint, String message) {
        assertThatThrownBy(() -> Checkpoint.openDiffusion(checkpoint, Fixtures.settings()))
                .isInstanceOf(CheckpointException.class).hasMessageContaining(message);
    }
}
