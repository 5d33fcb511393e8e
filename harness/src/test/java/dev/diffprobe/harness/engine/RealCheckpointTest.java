package dev.diffprobe.harness.engine;

import dev.diffprobe.tasks.cue.CueConflict;
import dev.diffprobe.tasks.data.ClassPrompts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;

/**
 * The engine on the real embedded default checkpoint, through the models module, with a budget
 * of a few denoiser calls: the path every probe suite takes, in seconds.
 */
class RealCheckpointTest {
    private static final String CHECKPOINT = "tiny-clevr-diffusion";

    @TempDir
    Path dir;

    @Test
    void runsTwoBindingTasksOnTheEmbeddedCheckpoint() throws IOException {
        assumeTrue(getClass().getResource("/dev/diffprobe/checkpoints/" + CHECKPOINT + "/model.yaml") != null,
                "the embedded checkpoint " + CHECKPOINT + " is not in the models jar");
        Path suite = Files.writeString(dir.resolve("real.yaml"), """
                suite: real
                checkpoint: tiny-clevr-diffusion
                seed: 3
                examples: 3
                classifier:
                  minScores: 2
                  maxScores: 2
                tasks:
                  - name: Shape
                    type: binding
                  - name: ColorShape
                    type: binding
                """);

        EngineExecutionResults results = EngineTestKit.engine(new DiffProbeEngine())
                .configurationParameters(Map.of("diffprobe.output", dir.resolve("out").toString()))
                .selectors(selectFile(suite.toFile())).execute();

        results.containerEvents().assertStatistics(stats -> stats.failed(0));
        results.testEvents().assertStatistics(stats -> stats.started(2).finished(2));
        List<String> journal = Files.readAllLines(dir.resolve("out/real/Shape.csv"));
        assertThat(journal).hasSize(1 + 3);
        // Two rounds of two candidates, no error: every example cost exactly four denoiser calls.
        assertThat(journal.subList(1, 4)).allSatisfy(line -> assertThat(line.split(",")[6]).isEqualTo("4"));
        assertThat(Files.readString(dir.resolve("out/real/summary.md"))).contains("| Shape | " + CHECKPOINT + " | 3 |");
    }

    /** A data root with CIFAR-10 (one image per class) and Cue-Conflict (one conflicting stimulus per class). */
    private Path dataRoot() throws IOException {
        Path root = dir.resolve("data");
        for (String name : ClassPrompts.of("CIFAR10").classes()) {
            Path folder = Files.createDirectories(root.resolve("cifar10-test/test").resolve(name));
            ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", folder.resolve("0.png").toFile());
        }
        List<String> classes = CueConflict.CLASSES;
        for (int c = 0; c < classes.size(); c++) {
            Path folder = Files.createDirectories(root.resolve("cue-conflict").resolve(classes.get(c)));
            ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", folder.resolve(classes.get(c)
                    + "1-" + classes.get((c + 1) % classes.size()) + "1.png").toFile());
        }
        return root;
    }

    private EngineExecutionResults runDatasets(Map<String, String> settings) throws IOException {
        Path suite = Files.writeString(dir.resolve("names.yaml"), """
                suite: names
                checkpoint: tiny-clevr-diffusion
                seed: 3
                examples: 16
                classifier:
                  minScores: 2
                  maxScores: 2
                tasks:
                  - name: CIFAR10
                    type: dataset
                  - name: CueConflict
                    type: cue-conflict
                """);
        Map<String, String> parameters = new java.util.TreeMap<>(settings);
        parameters.put("data", dataRoot().toString());
        parameters.put("diffprobe.output", dir.resolve("out").toString());
        return EngineTestKit.engine(new DiffProbeEngine()).configurationParameters(parameters)
                .selectors(selectFile(suite.toFile())).execute();
    }

    @Test
    void theEmbeddedCheckpointIsRefusedOnClassNamesItHasNeverSeen() throws IOException {
        assumeTrue(getClass().getResource("/dev/diffprobe/checkpoints/" + CHECKPOINT + "/model.yaml") != null,
                "the embedded checkpoint " + CHECKPOINT + " is not in the models jar");

        EngineExecutionResults results = runDatasets(Map.of());

        results.containerEvents().assertThatEvents().haveExactly(1, event(displayName("CIFAR10"), skippedWithReason(
                r -> r.startsWith(CHECKPOINT + " cannot express CIFAR10: 10 of 10 class names are out of its"
                        + " vocabulary") && r.contains("-Dmodel="))));
        results.containerEvents().assertThatEvents().haveExactly(1, event(displayName("CueConflict"),
                skippedWithReason(r -> r.matches(CHECKPOINT + " cannot express CueConflict: \\d+ of 16 class names are"
                        + " out of its vocabulary .*"))));
        results.testEvents().assertStatistics(stats -> stats.started(0));
        assertThat(dir.resolve("out/names/CIFAR10.csv")).doesNotExist();
    }

    /**
     * The fixture checkpoint of the models module with a word-level tokenizer that knows the 21
     * class names of CIFAR-10 and Cue-Conflict (its text encoder has 16 token embeddings, so names
     * that never meet in one task share ids): both tasks run and report, Cue-Conflict with its
     * shape bias.
     */
    @Test
    void aCheckpointWhoseTokenizerKnowsTheNamesRunsBothTasks() throws IOException {
        Path fixture = Path.of("../models/src/test/resources/fixtures/tiny-diffusion");
        assumeTrue(Files.isDirectory(fixture), "the models module's fixture is not at " + fixture.toAbsolutePath());
        Path checkpoint = Files.createDirectories(dir.resolve("knows-names"));
        try (var files = Files.list(fixture)) {
            // reference.json records the fixture's own tokenizer's ids, which this one replaces.
            for (Path file : files.filter(f -> !f.getFileName().toString().equals("reference.json")).toList()) {
                Files.copy(file, checkpoint.resolve(file.getFileName()));
            }
        }
        Map<String, Integer> vocabulary = new java.util.LinkedHashMap<>();
        List<String> cue = CueConflict.CLASSES;
        for (int i = 0; i < cue.size(); i++) {
            vocabulary.put(cue.get(i), i);
        }
        List<String> cifarOnly = List.of("automobile", "deer", "frog", "horse", "ship");
        int[] free = {2, 4, 5, 6, 8};
        for (int i = 0; i < cifarOnly.size(); i++) {
            vocabulary.put(cifarOnly.get(i), free[i]);
        }
        String tokenizer = Files.readString(checkpoint.resolve("tokenizer.json"));
        String words = vocabulary.entrySet().stream().map(e -> "\"" + e.getKey() + "\": " + e.getValue())
                .collect(java.util.stream.Collectors.joining(", "));
        Files.writeString(checkpoint.resolve("tokenizer.json"), tokenizer.replaceFirst("(?s)\"vocab\": \\{.*?\\}",
                "\"vocab\": {\"[PAD]\": 0, \"[UNK]\": 1, " + words + "}"));

        EngineExecutionResults results = runDatasets(Map.of("model", checkpoint.toString()));

        assertThat(results.containerEvents().failed().stream().map(e -> e.getRequiredPayload(
                org.junit.platform.engine.TestExecutionResult.class).getThrowable().map(Throwable::getMessage)
                .orElse("?"))).as("failed containers").isEmpty();
        results.containerEvents().assertStatistics(stats -> stats.skipped(0));
        results.testEvents().assertStatistics(stats -> stats.started(2).finished(2));
        List<String> summary = Files.readAllLines(dir.resolve("out/names/summary.csv"));
        assertThat(summary).hasSize(3);
        assertThat(summary.get(0)).contains("shape_accuracy,shape_bias,human_shape_bias");
        assertThat(summary.get(1)).startsWith("CIFAR10,tiny-diffusion,10,");
        assertThat(summary.get(2)).startsWith("CueConflict,tiny-diffusion,16,");
        assertThat(Files.readAllLines(dir.resolve("out/names/CueConflict.csv"))).hasSize(1 + 16)
                .noneMatch(line -> line.contains("Indistinguishable"));
    }
}
