package dev.diffprobe.harness.classify;

import dev.diffprobe.models.NoiseSchedule;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TimeSamplerTest {
    private static final NoiseSchedule SCHEDULE = FakeDiffusionModel.COSINE;
    private static final double T_MIN = 1e-3;

    /** (1 / (1 - 2 tMin)) * integral of w over [tMin, 1 - tMin], by the midpoint rule on a fine grid. */
    private static double uniformMean(Weighting w) {
        int n = 200_000;
        double span = 1 - 2 * T_MIN;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += w.weight(T_MIN + (i + 0.5) * span / n, SCHEDULE);
        }
        return sum / n;
    }

    /** E_q[factor(t)] over a fine stratified grid of u: the importance-sampled mean of w. */
    private static double sampledMean(TimeSampler sampler) {
        int n = 200_000;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += sampler.factor(sampler.t((i + 0.5) / n));
        }
        return sum / n;
    }

    @Test
    void weightedSamplingEstimatesTheUniformWeightedMean() {
        for (Weighting w : new Weighting[] {Weighting.heuristic(7), Weighting.vdm(), Weighting.heuristic(-2)}) {
            double expected = uniformMean(w);
            assertThat(sampledMean(TimeSampler.weighted(w, SCHEDULE, T_MIN, 1 - T_MIN)))
                    .as(w.name()).isCloseTo(expected, within(1e-3 * expected));
            assertThat(sampledMean(TimeSampler.uniform(w, SCHEDULE, T_MIN, 1 - T_MIN)))
                    .as(w.name()).isCloseTo(expected, within(1e-6 * expected));
        }
    }

    @Test
    void weightedSamplingPutsTheMassWhereTheWeightIs() {
        TimeSampler sampler = TimeSampler.weighted(Weighting.heuristic(7), SCHEDULE, T_MIN, 1 - T_MIN);
        // The median of a density proportional to exp(-7t) on [0, 1] is ln(2 / (1 + e^-7)) / 7 = 0.0989.
        assertThat(sampler.t(0.5)).isCloseTo(Math.log(2 / (1 + Math.exp(-7))) / 7, within(2e-3));
        double previous = 0;
        for (int i = 0; i < 1000; i++) {
            double t = sampler.t(i / 1000.0);
            assertThat(t).isBetween(T_MIN, 1 - T_MIN).isGreaterThanOrEqualTo(previous);
            previous = t;
        }
        // heuristic weights are comparable: w / q is nearly constant, the integral of w
        assertThat(sampler.factor(0.05) / sampler.factor(0.8)).isCloseTo(1.0, within(0.01));
    }

    @Test
    void aWeightingNoDensityCanFollowIsRejectedByName() {
        Weighting negative = new Weighting() {
            @Override
            public double weight(double t, NoiseSchedule schedule) {
                return t - 0.5;
            }

            @Override
            public String name() {
                return "signed";
            }
        };
        assertThatThrownBy(() -> TimeSampler.weighted(negative, SCHEDULE, T_MIN, 1 - T_MIN))
                .isInstanceOf(SettingException.class).hasMessageContaining(ClassifierSettings.T_SAMPLING)
                .hasMessageContaining("signed");
    }

    @Test
    void aNarrowedRangeIsSampledWhollyAndOnlyAndWeightedSamplingKeepsItsMean() {
        Weighting w = Weighting.heuristic(7);
        TimeSampler uniform = TimeSampler.uniform(w, SCHEDULE, 0.4, 0.9);
        assertThat(uniform.t(0)).isEqualTo(0.4);
        assertThat(uniform.t(0.5)).isCloseTo(0.65, within(1e-12));
        assertThat(uniform.t(Math.nextDown(1.0))).isCloseTo(0.9, within(1e-12));
        TimeSampler weighted = TimeSampler.weighted(w, SCHEDULE, 0.4, 0.9);
        for (int i = 0; i < 1000; i++) {
            assertThat(weighted.t(i / 1000.0)).isBetween(0.4, 0.9);
        }
        // the mean of w over U[0.4, 0.9], exactly: (e^-2.8 - e^-6.3) / (7 x 0.5)
        double expected = (Math.exp(-2.8) - Math.exp(-6.3)) / 3.5;
        assertThat(sampledMean(uniform)).isCloseTo(expected, within(1e-6 * expected));
        assertThat(sampledMean(weighted)).isCloseTo(expected, within(1e-3 * expected));
    }
}
