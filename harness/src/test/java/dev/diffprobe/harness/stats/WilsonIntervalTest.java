package dev.diffprobe.harness.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class WilsonIntervalTest {
    // Newcombe (1998), "Two-sided confidence intervals for the single proportion", Table I, method 3.
    @Test
    void matchesNewcombesPublishedIntervals() {
        assertInterval(WilsonInterval.of(81, 263), 0.2553, 0.3662);
        assertInterval(WilsonInterval.of(15, 148), 0.0624, 0.1605);
        assertInterval(WilsonInterval.of(0, 20), 0.0, 0.1611);
        assertInterval(WilsonInterval.of(1, 29), 0.0061, 0.1718);
    }

    @Test
    void staysInsideTheUnitIntervalAtTheEdges() {
        Interval all = WilsonInterval.of(29, 29);
        assertThat(all.upper()).isEqualTo(1.0);
        assertThat(all.lower()).isCloseTo(0.8830, within(1e-4));
    }

    @Test
    void noTrialsMeansNoInformation() {
        assertThat(WilsonInterval.of(0, 0)).isEqualTo(new Interval(0, 1));
    }

    @Test
    void printsAsVerdictMessagesShowIt() {
        assertThat(WilsonInterval.of(142, 200)).hasToString("[0.64, 0.77]");
    }

    @Test
    void rejectsImpossibleCounts() {
        assertThatThrownBy(() -> WilsonInterval.of(5, 4)).hasMessageContaining("5 of 4");
        assertThatThrownBy(() -> WilsonInterval.of(1, 4, 1.0)).hasMessageContaining("confidence");
    }

    private static void assertInterval(Interval interval, double lower, double upper) {
        assertThat(interval.lower()).isCloseTo(lower, within(5e-5));
        assertThat(interval.upper()).isCloseTo(upper, within(5e-5));
    }
}
