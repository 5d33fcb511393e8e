package dev.diffprobe.harness.engine;

import dev.diffprobe.harness.run.Expectation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ThresholdCalibratorTest {
    private static final double CHANCE_ALPHA = 0.05;

    @Test
    void boundsMatchHandComputedValues() {
        // scipy.stats.hypergeom: the smallest y with P(X >= x) >= 0.01 for X ~ Hypergeometric(200, x + y, 100):
        // 80/100 -> y = 65, 100/100 -> y = 94. scipy.stats.binom: P(X >= 59) = 0.044 < 0.05 <= P(X >= 58) for
        // X ~ Binomial(100, 1/2), so the chance verdict needs 59 of 100.
        assertThat(ThresholdCalibrator.calibrate(List.of(counts("T", 80, 100)), 100, 0.01, CHANCE_ALPHA))
                .singleElement().satisfies(t -> {
                    assertThat(t.threshold()).isEqualTo(0.65);
                    assertThat(t.minimumPassing()).isEqualTo(59);
                });
        assertThat(ThresholdCalibrator.calibrate(List.of(counts("T", 100, 100)), 100, 0.01, CHANCE_ALPHA))
                .singleElement().satisfies(t -> assertThat(t.threshold()).isEqualTo(0.94));
        assertThat(ThresholdCalibrator.pWorse(80, 100, 64, 100)).isLessThan(0.01);
        assertThat(ThresholdCalibrator.pWorse(80, 100, 65, 100)).isGreaterThanOrEqualTo(0.01);
    }

    /**
     * At level 0.01/20 the Fisher bound of 80/100 is 58/100 (scipy.stats.hypergeom), one short of
     * what the chance verdict needs: no verdict that can fail is possible at 100 examples, so the
     * task is declared at chance instead of getting a threshold that only catches a collapse.
     */
    @Test
    void aTaskTooCloseToChanceForAVerdictIsDeclaredAtChanceInsteadOfGettingAThresholdBelowIt() {
        List<TaskCounts> twenty = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            twenty.add(counts("T" + i, 80, 100));
        }
        assertThat(ThresholdCalibrator.calibrate(twenty, 100, 0.01, CHANCE_ALPHA)).allSatisfy(t -> {
            assertThat(t.fisherPassing()).isEqualTo(58);
            assertThat(t.above()).isFalse();
        });
        // The same accuracy on 1000 examples is far enough above chance.
        twenty.replaceAll(c -> counts(c.task(), 800, 1000));
        assertThat(ThresholdCalibrator.calibrate(twenty, 1000, 0.01, CHANCE_ALPHA))
                .allSatisfy(t -> assertThat(t.threshold()).isBetween(0.72, 0.76));
    }

    @Test
    void noThresholdIsEverBelowChanceOrBelowWhatTheChanceVerdictNeeds() {
        for (double chance : new double[] {0.5, 0.1, 1 / 16.0}) {
            for (int n : new int[] {20, 100, 500}) {
                for (int x = 0; x <= n; x += Math.max(1, n / 40)) {
                    for (ThresholdCalibrator.Threshold t : ThresholdCalibrator.calibrate(
                            List.of(new TaskCounts("T", x, n, chance)), 200, 0.01, CHANCE_ALPHA)) {
                        if (t.above()) {
                            assertThat(t.threshold()).isGreaterThan(chance);
                            assertThat(t.threshold() * 200).isGreaterThanOrEqualTo(t.minimumPassing() - 1e-6);
                        }
                    }
                }
            }
        }
    }

    /**
     * The whole procedure, simulated: calibrate on one run of an unchanged checkpoint, judge a
     * fresh run with the threshold and the chance verdict together, as the engine does. Tasks
     * span the range from chance to near-perfect, so some are declared at chance.
     */
    @Test
    void anUnchangedCheckpointFailsTheSuiteInAtMostOnePercentOfRuns() {
        SplittableRandom random = new SplittableRandom(7);
        double[] trueAccuracy = {0.55, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 0.5, 0.65, 0.85};
        int runs = 1500;
        int failedSuites = 0;
        int declaredAbove = 0;
        for (int r = 0; r < runs; r++) {
            List<TaskCounts> calibration = new ArrayList<>();
            for (int t = 0; t < trueAccuracy.length; t++) {
                calibration.add(counts("T" + t, draw(random, trueAccuracy[t], 100), 100));
            }
            List<ThresholdCalibrator.Threshold> thresholds = ThresholdCalibrator.calibrate(calibration, 100, 0.01,
                    CHANCE_ALPHA);
            boolean failed = false;
            for (int t = 0; t < trueAccuracy.length; t++) {
                ThresholdCalibrator.Threshold threshold = thresholds.get(t);
                declaredAbove += threshold.above() ? 1 : 0;
                VerdictSimulator.TaskRule rule = new VerdictSimulator.TaskRule("T" + t, 100, 0.5,
                        threshold.above() ? Expectation.ABOVE : Expectation.CHANCE, true, threshold.threshold());
                failed |= rule.fails(draw(random, trueAccuracy[t], 100), CHANCE_ALPHA);
            }
            failedSuites += failed ? 1 : 0;
        }
        // The bound allows 1%; 1500 runs at exactly 1% (15 expected) exceed 28 with probability < 0.1%.
        assertThat(failedSuites).isLessThanOrEqualTo(28);
        assertThat(declaredAbove).as("tasks with a verdict that can fail").isGreaterThan(runs * 3);
    }

    @Test
    void writesExpectationsAndThresholdsIntoTheSuiteFileKeepingTheRest() {
        String yaml = "suite: s\ntasks:\n  - name: A\n    type: binding\n    tags: [x]\n"
                + "  - name: B\n    type: binding\n    thresholds:\n      accuracy: 0.10\n      max_drop: 0.05\n"
                + "  - name: C\n    type: binding\n    expect: chance\n# end\n";
        List<ThresholdCalibrator.Threshold> thresholds = ThresholdCalibrator.calibrate(List.of(counts("A", 90, 100),
                counts("B", 60, 100), counts("C", 99, 100)), 100, 0.01, CHANCE_ALPHA);

        String written = ThresholdCalibrator.apply(yaml, thresholds, 0.01, Map.of());

        assertThat(written).contains("  - name: A\n    type: binding\n    tags: [x]\n    # calibrated: 90/100 = 0.900")
                .contains("    thresholds:\n      accuracy: 0.")
                .contains("  - name: B\n    type: binding\n    # calibrated: 60/100 = 0.600 at another seed")
                .contains("is not worse at 0.01/3\n    expect: chance\n    thresholds:\n      max_drop: 0.05\n  - name: C\n")
                .contains("  - name: C\n    type: binding\n    # calibrated: 99/100").doesNotContain("0.10")
                .endsWith("      accuracy: 0.90\n# end\n");
        assertThat(ThresholdCalibrator.apply(written, thresholds, 0.01, Map.of())).isEqualTo(written);
    }

    @Test
    void writingASuiteCalibratesForTheExamplesItDeclares(@TempDir Path dir) throws IOException {
        Path summary = Files.write(dir.resolve("summary.csv"), List.of("task,n,correct,accuracy,chance",
                "Color,100,86,0.86,0.5", "Shape,100,64,0.64,0.5"));
        Path suite = Files.writeString(dir.resolve("s.yaml"), "suite: s\ncheckpoint: x\nexamples: 1000\ntasks:\n"
                + "  - name: Color\n    type: binding\n  - name: Shape\n    type: binding\n    examples: 50\n");
        ThresholdCalibrator.run(new String[] {summary.toString(), "--write", suite.toString()},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(Files.readString(suite)).contains("a fresh run of 1000 fails below")
                .contains("a fresh run of 50 at the chance verdict's minimum");
    }

    @Test
    void aCalibrationThatLacksSomeOfTheSuitesTasksWritesNothing(@TempDir Path dir) throws IOException {
        Path summary = Files.write(dir.resolve("summary.csv"), List.of("task,n,correct,accuracy,chance",
                "Color,100,86,0.86,0.5"));
        String yaml = "suite: s\ncheckpoint: x\nexamples: 100\ntasks:\n"
                + "  - name: Color\n    type: binding\n  - name: Shape\n    type: binding\n";
        Path suite = Files.writeString(dir.resolve("s.yaml"), yaml);
        assertThatThrownBy(() -> ThresholdCalibrator.run(new String[] {summary.toString(), "--write",
                suite.toString()}, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))
                .hasMessageContaining("has no row for [Shape] of suite s");
        assertThat(Files.readString(suite)).isEqualTo(yaml);
    }

    @Test
    void aSummaryThatCannotBeReadIsNamed(@TempDir Path dir) {
        assertThatThrownBy(() -> ThresholdCalibrator.run(new String[] {dir.toString()},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class).hasMessageContaining(dir.toString());
        Path missing = dir.resolve("missing.csv");
        assertThatThrownBy(() -> ThresholdCalibrator.run(new String[] {missing.toString()},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class).hasMessageContaining(missing.toString());
    }

    static TaskCounts counts(String task, int correct, int n) {
        return new TaskCounts(task, correct, n, 0.5);
    }

    static int draw(SplittableRandom random, double p, int n) {
        int x = 0;
        for (int i = 0; i < n; i++) {
            x += random.nextDouble() < p ? 1 : 0;
        }
        return x;
    }
}
