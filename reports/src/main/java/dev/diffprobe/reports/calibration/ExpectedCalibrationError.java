package dev.diffprobe.reports.calibration;

import java.util.ArrayList;
import java.util.List;

/**
 * Expected calibration error over equal-width confidence bins (Guo et al. 2017, as the paper's
 * Appendix E uses it): ECE = sum over bins of (n_b / N) * |accuracy_b - confidence_b|.
 * A confidence of exactly 1 falls in the last bin, so every value in [0, 1] has a bin.
 */
public final class ExpectedCalibrationError {

    /** The paper's bin count. */
    public static final int DEFAULT_BINS = 15;

    private final List<ReliabilityBin> bins;
    private final double value;

    private ExpectedCalibrationError(List<ReliabilityBin> bins, double value) {
        this.bins = List.copyOf(bins);
        this.value = value;
    }

    public static ExpectedCalibrationError of(double[] confidence, boolean[] correct) {
        return of(confidence, correct, DEFAULT_BINS);
    }

    public static ExpectedCalibrationError of(double[] confidence, boolean[] correct, int binCount) {
        if (confidence.length != correct.length) {
            throw new IllegalArgumentException("confidence has " + confidence.length
                    + " values but correct has " + correct.length);
        }
        if (binCount < 1) {
            throw new IllegalArgumentException("binCount must be >= 1, was " + binCount);
        }
        int[] count = new int[binCount];
        double[] confidenceSum = new double[binCount];
        int[] correctCount = new int[binCount];
        for (int i = 0; i < confidence.length; i++) {
            double c = confidence[i];
            if (!(c >= 0 && c <= 1)) {
                throw new IllegalArgumentException("confidence[" + i + "] = " + c + " is outside [0, 1]");
            }
            int b = Math.min((int) (c * binCount), binCount - 1);
            count[b]++;
            confidenceSum[b] += c;
            if (correct[i]) {
                correctCount[b]++;
            }
        }
        List<ReliabilityBin> bins = new ArrayList<>(binCount);
        double ece = 0;
        for (int b = 0; b < binCount; b++) {
            double lower = (double) b / binCount;
            double upper = (double) (b + 1) / binCount;
            if (count[b] == 0) {
                bins.add(new ReliabilityBin(lower, upper, 0, Double.NaN, Double.NaN));
                continue;
            }
            double meanConfidence = confidenceSum[b] / count[b];
            double accuracy = (double) correctCount[b] / count[b];
            bins.add(new ReliabilityBin(lower, upper, count[b], meanConfidence, accuracy));
            ece += (double) count[b] / confidence.length * Math.abs(accuracy - meanConfidence);
        }
        return new ExpectedCalibrationError(bins, confidence.length == 0 ? Double.NaN : ece);
    }

    /** The ECE in [0, 1]; NaN when there were no predictions. */
    public double value() {
        return value;
    }

    public List<ReliabilityBin> bins() {
        return bins;
    }
}
