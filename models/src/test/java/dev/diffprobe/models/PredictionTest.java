package dev.diffprobe.models;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PredictionTest {
    private static final float[] XT = {0.5f, -0.25f, 1f};

    @Test
    void convertsFiniteOutputsToX0() {
        double alpha = 0.8;
        double sigma = 0.6;
        float[] eps = {0.1f, 0.2f, 0.3f};
        float[] x0 = Prediction.EPSILON.toX0(XT, eps, 0, alpha, sigma);
        for (int i = 0; i < XT.length; i++) {
            assertThat(x0[i]).isEqualTo((float) ((XT[i] - sigma * eps[i]) / alpha));
        }
        float[] v = Prediction.V.toX0(XT, eps, 0, alpha, sigma);
        assertThat(v[1]).isEqualTo((float) (alpha * XT[1] - sigma * eps[1]));
    }

    /** The sign flip of the epsilon and v conversions must not turn a +Infinity output into a -Infinity estimate. */
    @Test
    void passesNonFiniteOutputsThroughAsTheModelReturnedThem() {
        float[] out = {Float.POSITIVE_INFINITY, Float.NaN, Float.NEGATIVE_INFINITY, 7f};
        for (Prediction prediction : Prediction.values()) {
            float[] x0 = prediction.toX0(XT, out, 1, 0.8, 0.6);
            assertThat(x0[0]).as(prediction.name()).isNaN();
            assertThat(x0[1]).as(prediction.name()).isEqualTo(Float.NEGATIVE_INFINITY);
            assertThat(x0[2]).as(prediction.name()).isFinite();
            float[] first = prediction.toX0(XT, out, 0, 0.8, 0.6);
            assertThat(first[0]).as(prediction.name()).isEqualTo(Float.POSITIVE_INFINITY);
        }
    }
}
