package dev.diffprobe.reports.calibration;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TemperatureScalingTest {

    @Test
    void recoversTheTemperatureThatGeneratedTheLabels() {
        // Scores of 4 classes on the scale of weighted MSEs; labels drawn from softmax(-s / 0.02).
        SplittableRandom random = new SplittableRandom(5);
        TemperatureScaling truth = TemperatureScaling.ofTemperature(0.02);
        int n = 20_000;
        double[][] scores = new double[n][4];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 4; k++) {
                scores[i][k] = 0.1 + 0.05 * random.nextDouble();
            }
            double[] p = truth.probabilities(scores[i]);
            double u = random.nextDouble();
            int k = 0;
            while (k < 3 && u >= p[k]) {
                u -= p[k];
                k++;
            }
            labels[i] = k;
        }
        TemperatureScaling fitted = TemperatureScaling.fit(scores, labels);
        assertThat(fitted.temperature()).isCloseTo(0.02, within(0.002));
    }

    @Test
    void minimisesTheNegativeLogLikelihood() {
        double[][] scores = {{0.10, 0.12}, {0.30, 0.25}, {0.05, 0.06}, {0.20, 0.21}, {0.11, 0.10}};
        int[] labels = {0, 1, 0, 1, 0};
        TemperatureScaling fitted = TemperatureScaling.fit(scores, labels);
        double beta = 1 / fitted.temperature();
        double best = TemperatureScaling.negativeLogLikelihood(beta, scores, labels);
        assertThat(TemperatureScaling.negativeLogLikelihood(beta * 1.01, scores, labels)).isGreaterThan(best);
        assertThat(TemperatureScaling.negativeLogLikelihood(beta * 0.99, scores, labels)).isGreaterThan(best);
    }

    @Test
    void scoresThatPointTheWrongWayGiveAnInfiniteTemperature() {
        // The true class always has the higher score: no T > 0 beats the uniform guess.
        double[][] scores = {{0.2, 0.1}, {0.1, 0.3}};
        int[] labels = {0, 1};
        TemperatureScaling fitted = TemperatureScaling.fit(scores, labels);
        assertThat(fitted.temperature()).isInfinite();
        assertThat(fitted.probabilities(new double[] {0.1, 0.5})).containsExactly(0.5, 0.5);
    }

    @Test
    void probabilitiesFavourTheLowestScore() {
        double[] p = TemperatureScaling.ofTemperature(0.1).probabilities(new double[] {0.3, 0.2});
        assertThat(p[1]).isCloseTo(1 / (1 + Math.exp(-1)), within(1e-12));
        assertThat(p[0] + p[1]).isCloseTo(1, within(1e-12));
    }

    @Test
    void rejectsALabelOutsideTheCandidates() {
        assertThatThrownBy(() -> TemperatureScaling.fit(new double[][] {{0.1, 0.2}}, new int[] {2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("label 2");
    }
}
