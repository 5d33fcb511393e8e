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
import java.util.function.ToDoubleFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class VerdictSimulatorTest {
    private static final double CHANCE_ALPHA = 0.05;

    @TempDir
    Path dir;

    @Test
    void aTaskFailsBelowItsThresholdOrWhenTheChanceVerdictFailsAndNeverWhenDeclaredAtChance() {
        VerdictSimulator.TaskRule above = new VerdictSimulator.TaskRule("T", 100, 0.5, Expectation.ABOVE, true, 0.55);
        assertThat(above.fails(54, CHANCE_ALPHA)).isTrue();
        // 55 of 100 clears the threshold, but P(X >= 55) = 0.184 for Binomial(100, 1/2): not above chance.
        assertThat(above.fails(55, CHANCE_ALPHA)).isTrue();
        assertThat(above.fails(59, CHANCE_ALPHA)).isFalse();
        VerdictSimulator.TaskRule declared = new VerdictSimulator.TaskRule("T", 100, 0.5, Expectation.CHANCE, true,
                Double.NaN);
        assertThat(declared.fails(0, CHANCE_ALPHA)).isFalse();
        assertThat(declared.failure(0.5, CHANCE_ALPHA)).isZero();
        // Exactly the binomial tail below 59: P(X <= 58) = 0.9557 for Binomial(100, 1/2).
        assertThat(above.failure(0.5, CHANCE_ALPHA)).isCloseTo(0.9557, within(1e-4));
    }

    @Test
    void theExactSuiteRateAgreesWithTheMonteCarloRun() {
        List<VerdictSimulator.TaskRule> rules = List.of(
                new VerdictSimulator.TaskRule("A", 200, 0.5, Expectation.ABOVE, true, 0.62),
                new VerdictSimulator.TaskRule("B", 200, 0.5, Expectation.ABOVE, false, 0.70),
                new VerdictSimulator.TaskRule("C", 200, 0.5, Expectation.CHANCE, true, Double.NaN));
        Map<String, Double> p = Map.of("A", 0.66, "B", 0.74, "C", 0.5);
        ToDoubleFunction<VerdictSimulator.TaskRule> accuracy = r -> p.get(r.task());
        double exact = VerdictSimulator.suiteFailure(rules, accuracy, CHANCE_ALPHA);
        double simulated = VerdictSimulator.simulatedFailure(rules, accuracy, CHANCE_ALPHA, 20000, 3);
        assertThat(exact).isBetween(0.05, 0.5);
        // 4 standard errors of a proportion near 0.2 over 20000 runs.
        assertThat(simulated).isCloseTo(exact, within(4 * Math.sqrt(exact * (1 - exact) / 20000)));
    }

    /**
     * The method end to end on a made-up suite: thresholds calibrated on one 500-example run of
     * a checkpoint that does some tasks well, some barely and some not at all, then both rates
     * for a snapshot that is at chance everywhere except a weaker Shape and Color.
     */
    @Test
    void calibratedVerdictsKeepTheDefaultAndCatchAnEarlySnapshot() throws IOException {
        String[] tasks = {"Shape", "Color", "Shape_Color", "ShapeColor", "ColorShape", "Shape_Size"};
        double[] good = {0.92, 0.96, 0.82, 0.66, 0.58, 0.51};
        double[] early = {0.62, 0.70, 0.50, 0.50, 0.50, 0.50};
        Path calibration = summary("calibration.csv", tasks, good, 500);
        StringBuilder yaml = new StringBuilder("suite: made\ncheckpoint: x\nexamples: 500\ntasks:\n");
        for (String task : tasks) {
            yaml.append("  - name: ").append(task).append("\n    type: binding\n");
        }
        Path suite = Files.writeString(dir.resolve("made.yaml"), yaml.toString());
        ThresholdCalibrator.run(new String[] {calibration.toString(), "--write", suite.toString()},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        List<VerdictSimulator.TaskRule> rules = VerdictSimulator.rules(suite, null);
        assertThat(rules).extracting(VerdictSimulator.TaskRule::expect).containsExactly(Expectation.ABOVE,
                Expectation.ABOVE, Expectation.ABOVE, Expectation.ABOVE, Expectation.CHANCE, Expectation.CHANCE);
        Map<String, Double> defaults = new java.util.HashMap<>();
        Map<String, Double> snapshot = new java.util.HashMap<>();
        for (int i = 0; i < tasks.length; i++) {
            defaults.put(tasks[i], good[i]);
            snapshot.put(tasks[i], early[i]);
        }
        assertThat(VerdictSimulator.suiteFailure(rules, r -> defaults.get(r.task()), CHANCE_ALPHA)).isLessThan(0.01);
        assertThat(VerdictSimulator.suiteFailure(rules, r -> snapshot.get(r.task()), CHANCE_ALPHA)).isGreaterThan(0.99);
        for (VerdictSimulator.TaskRule rule : rules.subList(0, 4)) {
            assertThat(rule.failure(snapshot.get(rule.task()), CHANCE_ALPHA)).as(rule.task()).isGreaterThan(0.99);
        }

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        VerdictSimulator.run(new String[] {suite.toString(), "--default", calibration.toString(), "--regressed",
                summary("early.csv", tasks, early, 500).toString(), "--runs", "2000"},
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("| Shape | above | 0.")
                .contains("| ColorShape | chance | - | 500 |").contains("(target <= 0.0100: met)")
                .contains("(target >= 0.9900: met)").contains("Monte Carlo check, 2000 runs");
    }

    @Test
    void aSummaryWithoutSomeOfTheSuitesTasksIsANamedError() throws IOException {
        Path suite = Files.writeString(dir.resolve("s.yaml"), "suite: s\ncheckpoint: x\nexamples: 10\ntasks:\n"
                + "  - name: Shape\n    type: binding\n  - name: Color\n    type: binding\n");
        Path partial = summary("partial.csv", new String[] {"Shape"}, new double[] {0.9}, 10);
        assertThatThrownBy(() -> VerdictSimulator.run(new String[] {suite.toString(), "--default", partial.toString(),
                "--regressed", partial.toString()}, System.out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no row for [Color]");
    }

    private Path summary(String name, String[] tasks, double[] accuracy, int n) throws IOException {
        List<String> lines = new ArrayList<>(List.of("task,n,correct,accuracy,chance"));
        for (int i = 0; i < tasks.length; i++) {
            int correct = (int) Math.round(accuracy[i] * n);
            lines.add(tasks[i] + "," + n + "," + correct + "," + (double) correct / n + ",0.5");
        }
        return Files.write(dir.resolve(name), lines);
    }
}
