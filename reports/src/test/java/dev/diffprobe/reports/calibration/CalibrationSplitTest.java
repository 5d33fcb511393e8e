package dev.diffprobe.reports.calibration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CalibrationSplitTest {

    @Test
    void splitsIdsNearTheDeclaredFraction() {
        CalibrationSplit split = new CalibrationSplit(0.3);
        int fit = 0;
        int n = 10_000;
        for (int i = 0; i < n; i++) {
            fit += split.isFit("ShapeColor-" + i) ? 1 : 0;
        }
        // Binomial(10000, 0.3) has sd 46: five sd either side.
        assertThat(fit / (double) n).isCloseTo(0.3, within(0.023));
    }

    @Test
    void dependsOnTheIdAlone() {
        assertThat(CalibrationSplit.position("Color-17")).isEqualTo(CalibrationSplit.position("Color-17"));
        assertThat(CalibrationSplit.position("Color-17")).isNotEqualTo(CalibrationSplit.position("Color-18"));
        assertThat(CalibrationSplit.position("Color-17")).isBetween(0.0, 1.0);
    }

    @Test
    void rejectsAFractionThatLeavesASideEmpty() {
        assertThatThrownBy(() -> new CalibrationSplit(1.0)).hasMessageContaining("strictly between 0 and 1");
        assertThatThrownBy(() -> new CalibrationSplit(0.0)).isInstanceOf(IllegalArgumentException.class);
    }
}
