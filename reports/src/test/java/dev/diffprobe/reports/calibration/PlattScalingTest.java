package dev.diffprobe.reports.calibration;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PlattScalingTest {

    @Test
    void recoversTheGeneratingLogisticModel() {
        // Calls between 40 and 4000; P(correct) = sigmoid(-0.002 * calls + 3).
        SplittableRandom random = new SplittableRandom(11);
        int n = 20_000;
        double[] calls = new double[n];
        boolean[] correct = new boolean[n];
        for (int i = 0; i < n; i++) {
            calls[i] = 40 + random.nextDouble() * 3960;
            correct[i] = random.nextDouble() < Logistic.sigmoid(-0.002 * calls[i] + 3);
        }
        PlattScaling platt = PlattScaling.fit(calls, correct);

        // Standard errors at this n are about 3% of each coefficient.
        assertThat(platt.slope()).isCloseTo(-0.002, within(0.0002));
        assertThat(platt.intercept()).isCloseTo(3.0, within(0.3));
        assertThat(platt.probability(100)).isGreaterThan(platt.probability(3000));
    }

    @Test
    void fitSitsWhereTheLikelihoodGradientVanishes() {
        double[] calls = {40, 40, 60, 80, 120, 200, 400, 800, 1600, 4000};
        boolean[] correct = {true, true, true, false, true, true, false, true, false, false};
        PlattScaling platt = PlattScaling.fit(calls, correct);

        // Platt's targets: 6 correct -> 7/8, 4 wrong -> 1/6.
        double ga = 0;
        double gb = 0;
        for (int i = 0; i < calls.length; i++) {
            double residual = platt.probability(calls[i]) - (correct[i] ? 7.0 / 8 : 1.0 / 6);
            ga += residual * calls[i];
            gb += residual;
        }
        assertThat(gb).isCloseTo(0, within(1e-6));
        assertThat(ga / 4000).isCloseTo(0, within(1e-6));
        assertThat(platt.slope()).isNegative();
    }

    @Test
    void separableDataStaysFinite() {
        double[] calls = {40, 50, 60, 2000, 3000};
        boolean[] correct = {true, true, true, false, false};
        PlattScaling platt = PlattScaling.fit(calls, correct);
        assertThat(platt.slope()).isFinite().isNegative();
        assertThat(platt.probability(40)).isLessThan(1.0).isGreaterThan(0.5);
    }

    @Test
    void constantFeatureGivesTheSmoothedAccuracy() {
        // Unpruned run: every example costs 4000 calls. 3 of 4 correct: targets 4/5 and 1/3.
        PlattScaling platt = PlattScaling.fit(new double[] {4000, 4000, 4000, 4000},
                new boolean[] {true, true, true, false});
        assertThat(platt.slope()).isZero();
        assertThat(platt.probability(4000)).isCloseTo((3 * 0.8 + 1.0 / 3) / 4, within(1e-12));
    }
}
