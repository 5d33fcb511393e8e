package dev.diffprobe.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints that cannot work fail at load with a CheckpointException naming the cause. */
class BrokenCheckpointTest {

    @TempDir
    Path temp;

    @Test
    void denoiserWithoutCondArgument() throws IOException {
        Path checkpoint = copy("tiny-diffusion");
        replace(checkpoint, "denoiser.pt", "denoiser_two_inputs.pt");
        assertThatThrownBy(() -> Checkpoint.openDiffusion(checkpoint, Fixtures.settings()))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("denoiser.pt does not fit the signature forward(x_t: float32 [B, 3, 8, 8]")
                .hasMessageContaining("forward failed");
    }

    @Test
    void denoiserWithWrongOutputShape() throws IOException {
        Path checkpoint = copy("tiny-diffusion");
        replace(checkpoint, "denoiser.pt", "denoiser_extra_channel.pt");
        assertThatThrownBy(() -> Checkpoint.openDiffusion(checkpoint, Fixtures.settings()))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("denoiser.pt does not fit")
                .hasMessageContaining("(2, 4, 8, 8)")
                .hasMessageContaining("[2, 3, 8, 8]");
    }

    @Test
    void textEncoderReturningPooledVectors() throws IOException {
        Path checkpoint = copy("tiny-diffusion");
        replace(checkpoint, "text_encoder.pt", "text_encoder_pooled.pt");
        assertThatThrownBy(() -> Checkpoint.openDiffusion(checkpoint, Fixtures.settings()))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("text_encoder.pt does not fit")
                .hasMessageContaining("expected float32 of rank 3");
    }

    @Test
    void fileThatIsNotTorchScript() throws IOException {
        Path checkpoint = copy("tiny-diffusion");
        Files.writeString(checkpoint.resolve("denoiser.pt"), "not a zip archive");
        assertThatThrownBy(() -> Checkpoint.openDiffusion(checkpoint, Fixtures.settings()))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("denoiser.pt is not a loadable TorchScript module");
    }

    @Test
    void missingFile() throws IOException {
        Path checkpoint = copy("tiny-latent");
        Files.delete(checkpoint.resolve("vae_encoder.pt"));
        assertThatThrownBy(() -> Checkpoint.openDiffusion(checkpoint, Fixtures.settings()))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("'files.vae_encoder' names vae_encoder.pt, which does not exist");
    }

    @Test
    void unknownPredictionType() throws IOException {
        Path checkpoint = copy("tiny-diffusion");
        edit(checkpoint, "prediction: epsilon", "prediction: eps");
        assertThatThrownBy(() -> Checkpoint.openDiffusion(checkpoint, Fixtures.settings()))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("'prediction' is 'eps', expected one of epsilon, v, x0 (unknown prediction type)");
    }

    @Test
    void filesOutsideTheCheckpointFolderAreRefused() throws IOException {
        Path checkpoint = copy("tiny-diffusion");
        Path outside = Files.copy(checkpoint.resolve("denoiser.pt"), temp.resolve("outside.pt"));
        for (String named : List.of("../outside.pt", outside.toAbsolutePath().toString(), "../../../../../../../etc/passwd")) {
            edit(checkpoint, "denoiser: denoiser.pt", "denoiser: " + named);
            assertThatThrownBy(() -> Checkpoint.openDiffusion(checkpoint, Fixtures.settings()))
                    .as(named).isInstanceOf(CheckpointException.class)
                    .hasMessageContaining("'files.denoiser' names " + named + ", which is outside the checkpoint folder");
            edit(checkpoint, "denoiser: " + named, "denoiser: denoiser.pt");
        }
        Files.delete(checkpoint.resolve("denoiser.pt"));
        Files.createSymbolicLink(checkpoint.resolve("denoiser.pt"), outside);
        assertThatThrownBy(() -> Checkpoint.openDiffusion(checkpoint, Fixtures.settings()))
                .as("a link inside the folder that leads out of it").isInstanceOf(CheckpointException.class)
                .hasMessageContaining("'files.denoiser' names denoiser.pt, which is outside the checkpoint folder");
    }

    @Test
    void aDenoiserRightOnlyAtTheDryRunsBatchSizeIsANamedShapeErrorAtOtherSizes() throws IOException {
        Path checkpoint = copy("tiny-diffusion");
        replace(checkpoint, "denoiser.pt", "denoiser_batch_two.pt");
        Files.delete(checkpoint.resolve("reference.json"));
        try (DiffusionModel model = Checkpoint.openDiffusion(checkpoint, Fixtures.settings())) {
            TextEmbedding cond = model.encodeText("a cube");
            float[] x = new float[model.latentSize()];
            assertThat(model.predictX0(List.of(x, x), new float[] {0.2f, 0.7f}, List.of(cond, cond))).hasNumberOfRows(2);
            for (int batch : new int[] {1, 3, 5}) {
                List<float[]> xt = Collections.nCopies(batch, x);
                float[] t = new float[batch];
                Arrays.fill(t, 0.5f);
                assertThatThrownBy(() -> model.predictX0(xt, t, Collections.nCopies(batch, cond)))
                        .as("batch %d", batch).isInstanceOf(ModelOutputShapeException.class)
                        .hasMessageContaining("returned (2, 3, 8, 8) for a batch of " + batch)
                        .hasMessageContaining("expected (" + batch + ", 3, 8, 8)");
            }
        }
    }

    @Test
    void contrastiveCheckpointOpenedAsDiffusion() {
        assertThatThrownBy(() -> Checkpoint.openDiffusion(Fixtures.dir("tiny-contrastive"), Fixtures.settings()))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("is a contrastive checkpoint");
    }

    @Test
    void unknownReference() {
        assertThatThrownBy(() -> Checkpoint.openDiffusion("no-such-checkpoint", Fixtures.settings()))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("no-such-checkpoint")
                .hasMessageContaining("no checkpoint of that name is embedded");
    }

    private Path copy(String fixture) throws IOException {
        Path source = Fixtures.dir(fixture);
        Path target = temp.resolve(fixture);
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.toList()) {
                Files.copy(file, target.resolve(file.getFileName()));
            }
        }
        return target;
    }

    private static void replace(Path checkpoint, String file, String broken) throws IOException {
        Files.copy(Fixtures.dir("broken").resolve(broken), checkpoint.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }

    static void edit(Path checkpoint, String from, String to) throws IOException {
        Path yaml = checkpoint.resolve("model.yaml");
        String text = Files.readString(yaml);
        if (!text.contains(from)) {
            throw new IllegalStateException("model.yaml has no '" + from + "'");
        }
        Files.writeString(yaml, text.replace(from, to));
    }
}
