package dev.diffprobe.harness.classify;

import org.apache.commons.math3.stat.inference.TTest;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrunerTest {
    private final Pruner pruner = new Pruner(2e-3);

    @Test
    void pValuesAreCommonsMathsTwoSidedPairedTTest() {
        Random random = new Random(1);
        TTest tTest = new TTest();
        for (int trial = 0; trial < 50; trial++) {
            int n = 2 + random.nextInt(100);
            double[] a = new double[n];
            double[] b = new double[n];
            double shift = random.nextGaussian() * 0.3;
            for (int i = 0; i < n; i++) {
                b[i] = random.nextGaussian();
                a[i] = b[i] + shift + random.nextGaussian();
            }
            double p = tTest.pairedTTest(a, b);
            assertThat(pruner.pValue(a, b)).isEqualTo(p);
            assertThat(pruner.drops(a, b)).isEqualTo(p < 2e-3);
        }
    }

    @Test
    void identicalSeriesCannotBeToldApart() {
        double[] a = {1, 2, 3, 4};
        assertThat(pruner.pValue(a, a.clone())).isEqualTo(1.0);
        assertThat(pruner.drops(a, a.clone())).isFalse();
    }

    @Test
    void aConstantNonZeroDifferenceIsCertain() {
        double[] best = {1, 2, 3, 4};
        double[] worse = {1.5, 2.5, 3.5, 4.5};
        assertThat(pruner.pValue(worse, best)).isZero();
        assertThat(pruner.drops(worse, best)).isTrue();
    }

    @Test
    void fewerThanTwoPairsIsAnError() {
        assertThatThrownBy(() -> pruner.pValue(new double[] {1}, new double[] {2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2");
    }
}
