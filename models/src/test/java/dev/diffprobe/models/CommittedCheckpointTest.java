package dev.diffprobe.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

    @ParameterizedTest(name = "{0} with another prediction type or twice its resolution is refused at load")
    @ValueSource(strings = {"tiny-clevr-diffusion", "tiny-fashion-diffusion"})
    void refusesAModelYamlThatContradictsTheWeights(String name, @TempDir Path temp) throws IOException {
        Path directory = committed(name);
        ModelConfig config = ModelConfig.read(directory);
        Prediction other = config.prediction() == Prediction.EPSILON ? Prediction.V : Prediction.EPSILON;
        String declared = config.prediction().name().toLowerCase(Locale.ROOT);
        String wrong = other.name().toLowerCase(Locale.ROOT);

        Path mispredicted = copy(directory, temp.resolve("prediction"));
        BrokenCheckpointTest.edit(mispredicted, "prediction: " + declared, "prediction: " + wrong);
        assertThatThrownBy(() -> Checkpoint.openDiffusion(mispredicted, Fixtures.settings()).close())
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("prediction: model.yaml says " + wrong + ", but the outputs reference.json"
                        + " records are those of prediction: " + declared);

        Path enlarged = copy(directory, temp.resolve("resolution"));
        BrokenCheckpointTest.edit(enlarged, "resolution: " + config.resolution(), "resolution: " + 2 * config.resolution());
        assertThatThrownBy(() -> Checkpoint.openDiffusion(enlarged, Fixtures.settings()).close())
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("resolution: model.yaml says " + 2 * config.resolution() + " pixels");
    }

    private static Path copy(Path source, Path target) throws IOException {
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.toList()) {
                Files.copy(file, target.resolve(file.getFileName()));
            }
        }
        return target;
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
