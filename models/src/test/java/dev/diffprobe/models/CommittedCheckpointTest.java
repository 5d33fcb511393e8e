package dev.diffprobe.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
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

    /**
     * torch.jit.trace records the device of a tensor a module creates (torch.arange, torch.zeros) as
     * a constant; a module traced on the CPU then mixes a CPU tensor into a GPU forward, which
     * libtorch refuses. No GPU is needed to see it: the constant is in the module's code.
     */
    @ParameterizedTest(name = "{0} creates no tensor on a device fixed at export")
    @ValueSource(strings = {"tiny-clevr-diffusion", "tiny-clevr-diffusion-early", "tiny-clevr-contrastive",
        "tiny-fashion-diffusion", "tiny-fashion-contrastive"})
    void runsOnTheDeviceItIsLoadedOn(String name) throws IOException {
        Path directory = committed(name);
        try (Stream<Path> files = Files.list(directory)) {
            for (Path module : files.filter(f -> f.toString().endsWith(".pt")).toList()) {
                assertThat(pinnedDevices(module)).as(module.toString()).isEmpty();
            }
        }
    }

    @Test
    void aModuleTracedWithAFixedDeviceIsFound(@TempDir Path temp) throws IOException {
        Path module = temp.resolve("denoiser.pt");
        try (OutputStream out = Files.newOutputStream(module); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("denoiser/code/__torch__/nets.py"));
            zip.write("  _5 = torch.arange(12, dtype=6, layout=None, device=torch.device(\"cpu\"), pin_memory=False)\n"
                    .getBytes(StandardCharsets.UTF_8));
        }
        assertThat(pinnedDevices(module)).singleElement().asString().contains("torch.arange(12");
    }

    /** The lines of a TorchScript archive's code that name a device literally. */
    static List<String> pinnedDevices(Path module) throws IOException {
        List<String> lines = new ArrayList<>();
        try (ZipFile zip = new ZipFile(module.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (!entry.getName().contains("/code/") || !entry.getName().endsWith(".py")) {
                    continue;
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                            .filter(line -> line.contains("torch.device(\""))
                            .forEach(line -> lines.add(entry.getName() + ": " + line.strip()));
                }
            }
        }
        return lines;
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
