package dev.diffprobe.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointsTest {

    @TempDir
    Path cache;

    private ModelSettings settings() {
        return Fixtures.settings().withCheckpointCache(cache);
    }

    @Test
    void directoryReferenceIsUsedInPlace() {
        Path fixture = Fixtures.dir("tiny-diffusion");
        assertThat(Checkpoints.resolve(fixture.toString(), cache)).isEqualTo(fixture);
    }

    @Test
    void embeddedCheckpointIsExtractedOnceUnderItsHash() throws Exception {
        Path extracted = Checkpoints.resolve("test-embedded", cache);
        String fingerprint = Checkpoints.fingerprint(ModelConfig.read(extracted));
        assertThat(extracted.getParent()).isEqualTo(cache);
        assertThat(extracted.getFileName().toString()).isEqualTo("test-embedded-" + fingerprint.substring(0, 12));
        assertThat(extracted.resolve("denoiser.pt")).exists();
        assertThat(extracted.resolve("text_encoder.pt")).exists();
        assertThat(extracted.resolve("tokenizer.json")).exists();
        assertThat(fingerprint).as("same bytes, same fingerprint")
                .isEqualTo(Checkpoints.fingerprint(ModelConfig.read(Fixtures.dir("tiny-diffusion"))));

        long modified = Files.getLastModifiedTime(extracted.resolve("denoiser.pt")).toMillis();
        assertThat(Checkpoints.resolve("test-embedded", cache)).isEqualTo(extracted);
        assertThat(Files.getLastModifiedTime(extracted.resolve("denoiser.pt")).toMillis()).isEqualTo(modified);
        try (var entries = Files.list(cache)) {
            assertThat(entries.toList()).as("no staging directories left behind").containsExactly(extracted);
        }
    }

    @Test
    void embeddedCheckpointLoadsByName() {
        try (DiffusionModel model = Checkpoint.openDiffusion("test-embedded", settings())) {
            assertThat(model.name()).isEqualTo("tiny-diffusion");
            assertThat(model.predictX0(java.util.List.of(new float[model.latentSize()]), new float[] {0.5f},
                    java.util.List.of(model.encodeText("a cube")))[0]).hasSize(model.latentSize());
        }
    }

    @Test
    void pathsThatDoNotExistAreNotLookedUpOnTheClasspath() {
        assertThatThrownBy(() -> Checkpoints.resolve("../test-embedded", cache))
                .isInstanceOf(CheckpointException.class).hasMessageContaining("no such directory");
        assertThatThrownBy(() -> Checkpoints.resolve(" ", cache))
                .isInstanceOf(CheckpointException.class).hasMessageContaining("empty checkpoint reference");
    }
}
