package dev.diffprobe.harness.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class McNemarTestTest {
    @Test
    void fiveLostNoneGained() {
        // Under H0 all five discordant pairs go the candidate's way with probability 1/32.
        assertThat(McNemarTest.pWorse(5, 0)).isCloseTo(1.0 / 32, within(1e-15));
        assertThat(McNemarTest.pTwoSided(5, 0)).isCloseTo(2.0 / 32, within(1e-15));
        assertThat(McNemarTest.pWorse(0, 5)).isEqualTo(1.0);
    }

    @Test
    void nineLostOneGained() {
        // P(X <= 1), X ~ Bin(10, 1/2) = 11 / 1024; two-sided doubles it.
        assertThat(McNemarTest.pTwoSided(9, 1)).isCloseTo(22.0 / 1024, within(1e-15));
        assertThat(McNemarTest.pTwoSided(1, 9)).isCloseTo(22.0 / 1024, within(1e-15));
        assertThat(McNemarTest.pWorse(9, 1)).isCloseTo(11.0 / 1024, within(1e-15));
    }

    @Test
    void balancedOrNoDiscordancesGiveNoEvidence() {
        assertThat(McNemarTest.pTwoSided(0, 0)).isEqualTo(1.0);
        assertThat(McNemarTest.pWorse(0, 0)).isEqualTo(1.0);
        assertThat(McNemarTest.pTwoSided(6, 6)).isEqualTo(1.0);
    }

    @Test
    void fortyDiscordantPairs() {
        // Sums of C(40, i) / 2^40 for i >= 25 and i >= 30, in exact integer arithmetic.
        assertThat(McNemarTest.pWorse(25, 15)).isCloseTo(0.07692997208141605, within(1e-12));
        assertThat(McNemarTest.pTwoSided(25, 15)).isCloseTo(0.1538599441628321, within(1e-12));
        assertThat(McNemarTest.pWorse(30, 10)).isCloseTo(0.0011107168866146822, within(1e-12));
    }

    @Test
    void rejectsNegativeCounts() {
        assertThatThrownBy(() -> McNemarTest.pWorse(-1, 2)).hasMessageContaining("lost -1");
    }
}
