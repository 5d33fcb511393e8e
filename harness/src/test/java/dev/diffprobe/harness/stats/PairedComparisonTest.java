package dev.diffprobe.harness.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PairedComparisonTest {
    @Test
    void countsTheTwoByTwoTable() {
        boolean[] baseline = {true, true, true, false, false, true};
        boolean[] candidate = {true, false, false, true, false, true};
        PairedComparison paired = PairedComparison.of(baseline, candidate);
        assertThat(paired.n()).isEqualTo(6);
        assertThat(paired.lost()).isEqualTo(2);
        assertThat(paired.gained()).isEqualTo(1);
        assertThat(paired.baselineCorrect()).isEqualTo(4);
        assertThat(paired.candidateCorrect()).isEqualTo(3);
        assertThat(paired.accuracyDifference()).isCloseTo(-1.0 / 6, within(1e-12));
    }

    @Test
    void newcombeIntervalByHand() {
        // 140 both right, 25 lost, 15 gained, 20 neither. Wilson intervals of 165/200 and 155/200,
        // phi = (140*20 - 25*15) / sqrt(165*35*155*45), then Newcombe's method 10, worked out in
        // a separate script: -0.05 [-0.11217, 0.01193].
        PairedComparison paired = PairedComparison.ofCounts(140, 25, 15, 20);
        assertThat(paired.accuracyDifference()).isCloseTo(-0.05, within(1e-12));
        assertThat(paired.difference().lower()).isCloseTo(-0.11216531203669783, within(1e-9));
        assertThat(paired.difference().upper()).isCloseTo(0.011929066493845071, within(1e-9));
        assertThat(paired.pWorse()).isCloseTo(0.07692997208141605, within(1e-12));
    }

    @Test
    void identicalClassifiersGiveASymmetricIntervalAroundZero() {
        PairedComparison paired = PairedComparison.ofCounts(0, 0, 0, 10);
        assertThat(paired.difference().lower()).isCloseTo(-0.27753279986288915, within(1e-9));
        assertThat(paired.difference().upper()).isCloseTo(0.27753279986288915, within(1e-9));
        assertThat(paired.pTwoSided()).isEqualTo(1.0);
    }

    @Test
    void theIntervalContainsTheEstimate() {
        for (int lost = 0; lost < 12; lost += 3) {
            for (int gained = 0; gained < 12; gained += 4) {
                PairedComparison paired = PairedComparison.ofCounts(50, lost, gained, 7);
                assertThat(paired.difference().contains(paired.accuracyDifference())).isTrue();
            }
        }
    }
}
