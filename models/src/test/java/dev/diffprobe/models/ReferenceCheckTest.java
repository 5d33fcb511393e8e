package dev.diffprobe.models;

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
