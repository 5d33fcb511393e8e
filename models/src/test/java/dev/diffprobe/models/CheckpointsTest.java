package dev.diffprobe.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
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
        assertThat(extracted.getFileName().toString()).matches("test-embedded-[0-9a-f]{12}");
        assertThat(extracted.resolve("reference.json")).as("extracted, so that loading checks it").exists();
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
    void aDamagedCachedCopyIsExtractedAgain() throws IOException {
        Path extracted = Checkpoints.resolve("test-embedded", cache);
        Path fixture = Fixtures.dir("tiny-diffusion");
        byte[] denoiser = Files.readAllBytes(fixture.resolve("denoiser.pt"));
        List<Damage> damages = List.of(
                dir -> Files.copy(fixture.resolve("text_encoder.pt"), dir.resolve("denoiser.pt"),
                        StandardCopyOption.REPLACE_EXISTING),
                dir -> Files.write(dir.resolve("denoiser.pt"), Arrays.copyOf(denoiser, denoiser.length / 2)),
                dir -> Files.delete(dir.resolve("denoiser.pt")),
                dir -> {
                    Path elsewhere = Files.copy(fixture.resolve("text_encoder.pt"), cache.resolve("elsewhere.pt"),
                            StandardCopyOption.REPLACE_EXISTING);
                    Files.delete(dir.resolve("denoiser.pt"));
                    Files.createSymbolicLink(dir.resolve("denoiser.pt"), elsewhere);
                },
                dir -> Files.writeString(dir.resolve("model.yaml"), "name: other\n", StandardOpenOption.APPEND));
        for (Damage damage : damages) {
            damage.apply(extracted);
            assertThat(Checkpoints.resolve("test-embedded", cache)).isEqualTo(extracted);
            assertThat(Files.isSymbolicLink(extracted.resolve("denoiser.pt"))).isFalse();
            assertThat(Files.readAllBytes(extracted.resolve("denoiser.pt"))).isEqualTo(denoiser);
            assertThat(Files.readAllBytes(extracted.resolve("model.yaml")))
                    .isEqualTo(Files.readAllBytes(fixture.resolve("model.yaml")));
        }
        try (var entries = Files.list(cache)) {
            assertThat(entries.map(p -> p.getFileName().toString()).toList())
                    .as("nothing left aside").containsExactlyInAnyOrder(extracted.getFileName().toString(), "elsewhere.pt");
        }
    }

    private interface Damage {
        void apply(Path dir) throws IOException;
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
