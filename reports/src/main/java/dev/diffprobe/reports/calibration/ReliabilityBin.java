package dev.diffprobe.reports.calibration;

/**
 * One confidence bin of a reliability diagram: its bounds, how many predictions fell in it,
 * their mean confidence and the fraction of them that were correct. An empty bin has
 * {@code count == 0} and NaN means.
 */
public record ReliabilityBin(double lower, double upper, int count, double meanConfidence,
                            double accuracy) {

    public boolean isEmpty() {
        return count == 0;
    }
}
