package dev.diffprobe.harness.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathResource;

/** Runs of the engine's smoke suite at several seeds, pooled as calibration and error-rate tools pool them. */
class PooledRunsTest {
    @TempDir
    Path out;

    @Test
    void runsAtDifferentSeedsPoolIntoTheSumsOfTheirCounts() throws IOException {
        Path a = run("a", Map.of("seed", "1"));
        Path b = run("b", Map.of("seed", "2"));

        PooledRuns.Pooled pooled = PooledRuns.read(List.of(a, b), Optional.of(smokeClassifier()));

        Map<String, TaskCounts> first = TaskCounts.read(a);
        Map<String, TaskCounts> second = TaskCounts.read(b);
        assertThat(pooled.tasks().keySet()).containsExactly("Shape", "ColorShape");
        for (String task : pooled.tasks().keySet()) {
            assertThat(pooled.tasks().get(task).n()).isEqualTo(first.get(task).n() + second.get(task).n());
            assertThat(pooled.tasks().get(task).correct())
                    .isEqualTo(first.get(task).correct() + second.get(task).correct());
            assertThat(pooled.provenance().get(task)).isEqualTo("2 runs pooled, seeds 1, 2, checkpoint fingerprint-");
        }
    }

    @Test
    void poolingWhatWouldCountTwiceOrMixesRunsIsANamedError() throws IOException {
        Path a = run("a", Map.of("seed", "1"));
        Path sameSeed = run("same-seed", Map.of("seed", "1"));
        Path otherCheckpoint = run("other-checkpoint", Map.of("seed", "3",
                "model", "src/test/resources/checkpoints/fake-baseline"));
        Path otherSettings = run("other-settings", Map.of("seed", "4", "diffprobe.classifier.maxScores", "5"));
        Optional<Map<String, String>> suite = Optional.of(smokeClassifier());

        assertThatThrownBy(() -> PooledRuns.read(List.of(a, a.getParent().resolve(".").resolve("summary.csv")), suite))
                .hasMessageContaining("is given twice");
        assertThatThrownBy(() -> PooledRuns.read(List.of(a, sameSeed), suite))
                .hasMessageContaining("were both made at seed 1");
        assertThatThrownBy(() -> PooledRuns.read(List.of(a, otherCheckpoint), suite))
                .hasMessageContaining("runs of different checkpoints cannot be pooled");
        assertThatThrownBy(() -> PooledRuns.read(List.of(a, otherSettings), suite))
                .hasMessageContaining("other classifier settings than the suite file's");
        assertThatThrownBy(() -> PooledRuns.read(List.of(otherSettings), suite))
                .hasMessageContaining("other classifier settings than the suite file's");
        assertThat(PooledRuns.read(List.of(a, otherSettings), Optional.empty()).tasks()).hasSize(2);

        Files.delete(a.resolveSibling("Shape.csv"));
        assertThatThrownBy(() -> PooledRuns.read(List.of(a, otherSettings), Optional.empty()))
                .hasMessageContaining("no journal").hasMessageContaining("pooling runs needs each run's journals");
        assertThat(PooledRuns.read(List.of(a), suite).provenance().get("Shape")).startsWith("another seed");
    }

    @Test
    void summariesOfOtherTasksOrChanceLevelsDoNotPool(@TempDir Path dir) throws IOException {
        Path one = Files.createDirectories(dir.resolve("one")).resolve("summary.csv");
        Path two = Files.createDirectories(dir.resolve("two")).resolve("summary.csv");
        Files.write(one, List.of("task,n,correct,accuracy,chance", "A,10,9,0.9,0.5"));
        Files.write(two, List.of("task,n,correct,accuracy,chance", "B,10,9,0.9,0.5"));
        assertThatThrownBy(() -> PooledRuns.read(List.of(one, two), Optional.empty()))
                .hasMessageContaining("different task sets").hasMessageContaining("lacks [A] and adds [B]");
        Files.write(two, List.of("task,n,correct,accuracy,chance", "A,10,9,0.9,0.25"));
        assertThatThrownBy(() -> PooledRuns.read(List.of(one, two), Optional.empty()))
                .hasMessageContaining("task A: chance 0.25");
    }

    @Test
    void theCalibratorWritesThresholdsFromPooledRunsAndSaysWhichSeedsTheyRestOn() throws IOException {
        Path a = run("a", Map.of("seed", "1"));
        Path b = run("b", Map.of("seed", "2"));
        Path suite = out.resolve("smoke.yaml");
        try (InputStream in = getClass().getResourceAsStream("/probes/smoke.yaml")) {
            Files.copy(in, suite);
        }
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ThresholdCalibrator.run(new String[] {a.toString(), b.toString(), "--write", suite.toString()},
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(Files.readString(suite)).contains("# calibrated: 16/16 = 1.000 at 2 runs pooled, seeds 1, 2,"
                + " checkpoint fingerprint-").contains("# calibrated: 12/12 = 1.000 at 2 runs pooled, seeds 1, 2");
        Path other = run("other-settings", Map.of("seed", "4", "diffprobe.classifier.maxScores", "5"));
        assertThatThrownBy(() -> ThresholdCalibrator.run(new String[] {a.toString(), other.toString(), "--write",
                suite.toString()}, new PrintStream(printed, true, StandardCharsets.UTF_8)))
                .hasMessageContaining("other classifier settings");
        assertThatThrownBy(() -> ThresholdCalibrator.run(new String[] {"--write", suite.toString()},
                new PrintStream(printed, true, StandardCharsets.UTF_8)))
                .hasMessageContaining("name at least one calibration summary");
    }

    @Test
    void theSimulatorPoolsRepeatedDefaultAndRegressedRunsWithTheSameChecks() throws IOException {
        Path a = run("a", Map.of("seed", "1"));
        Path b = run("b", Map.of("seed", "2"));
        Path other = run("other-settings", Map.of("seed", "4", "diffprobe.classifier.maxScores", "5"));
        Path suite = out.resolve("smoke.yaml");
        try (InputStream in = getClass().getResourceAsStream("/probes/smoke.yaml")) {
            Files.copy(in, suite);
        }
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        VerdictSimulator.run(new String[] {suite.toString(), "--default", a.toString(), "--default", b.toString(),
                "--regressed", a.toString(), "--runs", "10"}, new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("default accuracies: 2 runs pooled (" + a)
                .contains("regressed accuracies: " + a);
        assertThatThrownBy(() -> VerdictSimulator.run(new String[] {suite.toString(), "--default", a.toString(),
                "--default", a.toString(), "--regressed", b.toString()}, new PrintStream(printed, true,
                StandardCharsets.UTF_8))).hasMessageContaining("is given twice");
        assertThatThrownBy(() -> VerdictSimulator.run(new String[] {suite.toString(), "--default", a.toString(),
                "--regressed", other.toString()}, new PrintStream(printed, true, StandardCharsets.UTF_8)))
                .hasMessageContaining("other classifier settings than the suite file's");
    }

    /** The smoke suite's classifier settings as a run without overrides resolves them. */
    private static Map<String, String> smokeClassifier() {
        return new TreeMap<>(Map.of("minScores", "2", "maxScores", "4"));
    }

    /** Runs the smoke suite (always right) into {@code out/name} and returns its summary. */
    private Path run(String name, Map<String, String> settings) {
        Map<String, String> all = new TreeMap<>(Map.of("diffprobe.output", out.resolve(name).toString()));
        all.putAll(settings);
        EngineTestKit.engine(new DiffProbeEngine(FakeClassifiers.perfect())).configurationParameters(all)
                .selectors(selectClasspathResource("probes/smoke.yaml")).execute();
        Path summary = out.resolve(name).resolve("smoke").resolve("summary.csv");
        assertThat(summary).exists();
        return summary;
    }
}
