package dev.diffprobe.harness.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class BinomialTestTest {
    @Test
    void upperTailOfAFairCoin() {
        // P(X >= 7), X ~ Bin(10, 1/2) = (120 + 45 + 10 + 1) / 1024.
        assertThat(BinomialTest.pAtLeast(7, 10, 0.5)).isCloseTo(176.0 / 1024, within(1e-15));
    }

    @Test
    void sixtyOfAHundredAgainstAFairCoin() {
        // Sum over i = 60..100 of C(100, i) / 2^100, summed exactly in integers.
        assertThat(BinomialTest.pAtLeast(60, 100, 0.5)).isCloseTo(0.028443966820490392, within(1e-12));
    }

    @Test
    void fourWayChance() {
        assertThat(BinomialTest.pAtLeast(30, 100, 0.25)).isCloseTo(0.14954104656657347, within(1e-12));
    }

    @Test
    void tinyTailsAreNotRoundedToZero() {
        double p = BinomialTest.pAtLeast(190, 200, 0.5);
        assertThat(p).isGreaterThan(0);
        assertThat(p / 1.4738538021484265e-44).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void noSuccessIsNoEvidence() {
        assertThat(BinomialTest.pAtLeast(0, 50, 0.5)).isEqualTo(1.0);
    }

    @Test
    void rejectsImpossibleArguments() {
        assertThatThrownBy(() -> BinomialTest.pAtLeast(11, 10, 0.5)).hasMessageContaining("11 of 10");
        assertThatThrownBy(() -> BinomialTest.pAtLeast(1, 10, 1.5)).hasMessageContaining("chance");
    }
}
