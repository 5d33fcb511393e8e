package dev.diffprobe.harness.classify;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class WeightingTest {
    @Test
    void simpleWeightingTurnsTheX0ErrorIntoTheEpsilonError() {
        Random random = new Random(2);
        for (int trial = 0; trial < 20; trial++) {
            double t = 0.05 + 0.9 * random.nextDouble();
            double a = FakeDiffusionModel.COSINE.alpha(t);
            double s = FakeDiffusionModel.COSINE.sigma(t);
            double x = random.nextGaussian();
            double eps = random.nextGaussian();
            double epsHat = eps + random.nextGaussian() * 0.1;
            double xt = a * x + s * eps;
            double x0Hat = (xt - s * epsHat) / a;
            double weighted = Weighting.simple().weight(t, FakeDiffusionModel.COSINE) * (x - x0Hat) * (x - x0Hat);
            assertThat(weighted).isCloseTo((eps - epsHat) * (eps - epsHat), within(1e-9));
        }
    }

    @Test
    void vdmWeightingIsMinusTheSnrDerivative() {
        double t = 0.3;
        double h = 1e-6;
        double numeric = (FakeDiffusionModel.COSINE.snr(t + h) - FakeDiffusionModel.COSINE.snr(t - h)) / (2 * h);
        assertThat(Weighting.vdm().weight(t, FakeDiffusionModel.COSINE)).isCloseTo(-numeric, within(1e-3));
        assertThat(Weighting.vdm().weight(t, FakeDiffusionModel.COSINE)).isPositive();
    }

    @Test
    void onlyTheLearnedWeightingIsNotZeroShot() {
        assertThat(Weighting.simple().zeroShot()).isTrue();
        assertThat(Weighting.vdm().zeroShot()).isTrue();
        assertThat(Weighting.heuristic(7).zeroShot()).isTrue();
        assertThat(new LearnedWeighting(new double[LearnedWeighting.BUCKETS], "test", java.util.Optional.empty()).zeroShot()).isFalse();
    }
}
