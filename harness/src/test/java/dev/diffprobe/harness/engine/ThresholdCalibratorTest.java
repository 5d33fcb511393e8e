package dev.diffprobe.harness.engine;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class ThresholdCalibratorTest {
    @Test
    void boundsMatchHandComputedValues() {
        // Values from scipy.stats.hypergeom: the smallest y with P(X >= x) >= 0.01 for
        // X ~ Hypergeometric(200, x + y, 100); 80/100 -> y = 65, 100/100 -> y = 94.
        assertThat(ThresholdCalibrator.calibrate(Map.of("T", new int[] {80, 100}), 100, 0.01))
                .singleElement().satisfies(t -> assertThat(t.threshold()).isEqualTo(0.65));
        assertThat(ThresholdCalibrator.calibrate(Map.of("T", new int[] {100, 100}), 100, 0.01))
                .singleElement().satisfies(t -> assertThat(t.threshold()).isEqualTo(0.94));
        assertThat(ThresholdCalibrator.pWorse(80, 100, 64, 100)).isLessThan(0.01);
        assertThat(ThresholdCalibrator.pWorse(80, 100, 65, 100)).isGreaterThanOrEqualTo(0.01);
    }

    @Test
    void moreTasksWidenTheBoundSoTheSuiteAsAWholeStaysWithinAlpha() {
        Map<String, int[]> twenty = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            twenty.put("T" + i, new int[] {80, 100});
        }
        // At level 0.01/20 (scipy.stats.hypergeom): y = 58.
        assertThat(ThresholdCalibrator.calibrate(twenty, 100, 0.01)).allSatisfy(t -> assertThat(t.threshold())
                .isEqualTo(0.58));
    }

    @Test
    void anUnchangedCheckpointFailsTheSuiteInAtMostOnePercentOfRuns() {
        SplittableRandom random = new SplittableRandom(7);
        double[] trueAccuracy = {0.55, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 0.5, 0.65, 0.85};
        int runs = 1500;
        int failedSuites = 0;
        for (int r = 0; r < runs; r++) {
            Map<String, int[]> calibration = new LinkedHashMap<>();
            for (int t = 0; t < trueAccuracy.length; t++) {
                calibration.put("T" + t, new int[] {draw(random, trueAccuracy[t], 100), 100});
            }
            List<ThresholdCalibrator.Threshold> thresholds = ThresholdCalibrator.calibrate(calibration, 100, 0.01);
            boolean failed = false;
            for (int t = 0; t < trueAccuracy.length; t++) {
                failed |= draw(random, trueAccuracy[t], 100) / 100.0 < thresholds.get(t).threshold();
            }
            failedSuites += failed ? 1 : 0;
        }
        // The bound allows 1%; 1500 runs at exactly 1% (15 expected) exceed 28 with probability < 0.1%.
        assertThat(failedSuites).isLessThanOrEqualTo(28);
    }

    @Test
    void writesThresholdsIntoTheSuiteFileKeepingTheRest() {
        String yaml = "suite: s\ntasks:\n  - name: A\n    type: binding\n    tags: [x]\n"
                + "  - name: B\n    type: binding\n    thresholds:\n      accuracy: 0.10\n# end\n";
        List<ThresholdCalibrator.Threshold> thresholds = List.of(new ThresholdCalibrator.Threshold("A", 90, 100, 100, 0.81),
                new ThresholdCalibrator.Threshold("B", 60, 100, 100, 0.42));

        String written = ThresholdCalibrator.apply(yaml, thresholds, 0.01, Path.of("summary.csv"));

        assertThat(written).contains("  - name: A\n    type: binding\n    tags: [x]\n    # calibrated: 90/100")
                .contains("    thresholds:\n      accuracy: 0.81\n  - name: B\n")
                .contains("      accuracy: 0.42\n# end\n").doesNotContain("0.10");
        assertThat(ThresholdCalibrator.apply(written, thresholds, 0.01, Path.of("summary.csv"))).isEqualTo(written);
    }

    private static int draw(SplittableRandom random, double p, int n) {
        int x = 0;
        for (int i = 0; i < n; i++) {
            x += random.nextDouble() < p ? 1 : 0;
        }
        return x;
    }
}
