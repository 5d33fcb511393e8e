package dev.diffprobe.harness.classify;

import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NoiseStreamTest {
    @Test
    void theSameSeedAndIdGiveTheSameDraws() {
        NoiseStream a = NoiseStream.of(7, "img-1", 0, false, 1e-3);
        NoiseStream b = NoiseStream.of(7, "img-1", 0, false, 1e-3);
        float[] ea = new float[100];
        float[] eb = new float[100];
        for (int r = 0; r < 5; r++) {
            assertThat(a.nextT()).isEqualTo(b.nextT());
            a.nextGaussians(ea);
            b.nextGaussians(eb);
            assertThat(ea).containsExactly(eb);
        }
        assertThat(NoiseStream.of(7, "img-2", 0, false, 1e-3).nextT()).isNotEqualTo(NoiseStream.of(7, "img-1", 0,
                false, 1e-3).nextT());
        assertThat(NoiseStream.of(8, "img-1", 0, false, 1e-3).nextT()).isNotEqualTo(NoiseStream.of(7, "img-1", 0,
                false, 1e-3).nextT());
        assertThat(NoiseStream.of(7, "img-1", 1, false, 1e-3).nextT()).isNotEqualTo(NoiseStream.of(7, "img-1", 0,
                false, 1e-3).nextT());
    }

    @Test
    void tStaysInsideTheClippedRange() {
        NoiseStream s = NoiseStream.of(1, "x", 0, false, 0.01);
        for (int i = 0; i < 10_000; i++) {
            assertThat(s.nextT()).isBetween(0.01, 0.99);
        }
    }

    @Test
    void stratifiedTPutsOneDrawInEachStratumOfEveryPowerOfTwoPrefix() {
        NoiseStream s = NoiseStream.of(3, "x", 0, true, 1e-3);
        double[] t = new double[64];
        for (int i = 0; i < t.length; i++) {
            t[i] = (s.nextT() - 1e-3) / (1 - 2e-3);
        }
        for (int size = 1; size <= 64; size *= 2) {
            double shift = t[0] - Math.floor(t[0] * size) / size;
            boolean[] seen = new boolean[size];
            for (int i = 0; i < size; i++) {
                int stratum = (int) Math.floor(((t[i] - shift) % 1.0 + 1.0) % 1.0 * size + 1e-9) % size;
                assertThat(seen[stratum]).as("prefix %d stratum %d", size, stratum).isFalse();
                seen[stratum] = true;
            }
        }
    }

    @Test
    void epsIsStandardNormal() {
        NoiseStream s = NoiseStream.of(5, "x", 0, false, 1e-3);
        float[] eps = new float[20_000];
        s.nextGaussians(eps);
        double[] values = new double[eps.length];
        SummaryStatistics stats = new SummaryStatistics();
        for (int i = 0; i < eps.length; i++) {
            values[i] = eps[i];
            stats.addValue(eps[i]);
        }
        assertThat(new KolmogorovSmirnovTest().kolmogorovSmirnovTest(new NormalDistribution(0, 1), values))
                .isGreaterThan(1e-3);
        assertThat(stats.getMean()).isBetween(-0.03, 0.03);
    }
}
