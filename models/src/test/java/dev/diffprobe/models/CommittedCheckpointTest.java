package dev.diffprobe.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The project's own checkpoints (models/checkpoints/), as committed, against their Python references. */
class CommittedCheckpointTest {

    /** Surefire runs in the module directory. */
    private static final Path CHECKPOINTS = Path.of("checkpoints");

    @ParameterizedTest(name = "{0} matches its Python reference")
    @ValueSource(strings = {"tiny-clevr-diffusion", "tiny-clevr-diffusion-early", "tiny-clevr-contrastive",
        "tiny-fashion-diffusion", "tiny-fashion-contrastive"})
    void matchesPython(String name) throws IOException {
        Path directory = committed(name);
        if (ModelConfig.read(directory).kind() == ModelConfig.Kind.DIFFUSION) {
            ReferenceChecks.diffusion(directory);
        } else {
            ReferenceChecks.contrastive(directory);
        }
    }

    @Test
    void defaultCheckpointIsEmbeddedInTheJar() {
        Path directory = committed(Checkpoint.DEFAULT);
        Path extracted = Checkpoints.resolve(Checkpoint.DEFAULT, Fixtures.settings().checkpointCache());
        assertThat(extracted).isNotEqualTo(directory);
        assertThat(Checkpoints.fingerprint(ModelConfig.read(extracted)))
                .isEqualTo(Checkpoints.fingerprint(ModelConfig.read(directory)));
    }

    private static Path committed(String name) {
        Path directory = CHECKPOINTS.resolve(name);
        assumeTrue(Files.isDirectory(directory),
                "models/checkpoints/" + name + " is not committed yet; nothing to check");
        return directory;
    }
}
