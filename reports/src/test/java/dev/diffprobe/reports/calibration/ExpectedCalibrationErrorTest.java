package dev.diffprobe.reports.calibration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ExpectedCalibrationErrorTest {

    @Test
    void matchesAHandComputedCase() {
        // 0.1 -> bin 1, 0.2 -> bin 3 (0.2 * 15 = 3), 0.95 and 0.97 -> bin 14.
        // ECE = 1/4 |0 - 0.1| + 1/4 |1 - 0.2| + 2/4 |1 - 0.96| = 0.025 + 0.2 + 0.02
        ExpectedCalibrationError ece = ExpectedCalibrationError.of(
                new double[] {0.1, 0.2, 0.95, 0.97}, new boolean[] {false, true, true, true});

        assertThat(ece.value()).isCloseTo(0.245, within(1e-12));
        assertThat(ece.bins()).hasSize(15);
        assertThat(ece.bins().get(1).count()).isEqualTo(1);
        assertThat(ece.bins().get(3).count()).isEqualTo(1);
        assertThat(ece.bins().get(14).count()).isEqualTo(2);
        assertThat(ece.bins().get(14).meanConfidence()).isCloseTo(0.96, within(1e-12));
        assertThat(ece.bins().get(14).accuracy()).isEqualTo(1.0);
        assertThat(ece.bins().get(0).isEmpty()).isTrue();
    }

    @Test
    void perfectlyCalibratedBinsGiveZero() {
        // Within one bin: confidence 0.7 on ten examples, seven correct.
        double[] confidence = new double[10];
        boolean[] correct = new boolean[10];
        for (int i = 0; i < 10; i++) {
            confidence[i] = 0.7;
            correct[i] = i < 7;
        }
        assertThat(ExpectedCalibrationError.of(confidence, correct).value()).isCloseTo(0, within(1e-12));
    }

    @Test
    void confidenceOfOneFallsInTheLastBin() {
        ExpectedCalibrationError ece = ExpectedCalibrationError.of(new double[] {1.0}, new boolean[] {false});
        assertThat(ece.bins().get(14).count()).isEqualTo(1);
        assertThat(ece.value()).isEqualTo(1.0);
    }

    @Test
    void rejectsConfidenceOutsideTheUnitInterval() {
        assertThatThrownBy(() -> ExpectedCalibrationError.of(new double[] {1.2}, new boolean[] {true}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("confidence[0] = 1.2");
        assertThatThrownBy(() -> ExpectedCalibrationError.of(new double[] {Double.NaN}, new boolean[] {true}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
