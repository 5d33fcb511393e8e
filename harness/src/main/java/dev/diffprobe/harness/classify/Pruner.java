package dev.diffprobe.harness.classify;

import org.apache.commons.math3.stat.inference.TTest;

/**
 * The pruning rule of the paper's Algorithm 1: a candidate is dropped when a paired t-test of
 * its scores against the current best candidate's (the lowest mean) gives p below the cutoff.
 *
 * <p>The p-value is Commons Math's {@link TTest#pairedTTest(double[], double[])}: two-sided, not
 * halved, as the paper's Algorithm 1 states a plain paired t-test. Commons Math divides by a zero
 * standard deviation when every paired difference is the same; that case is decided here instead:
 * all differences zero means the candidates cannot be told apart (p = 1), a constant non-zero
 * difference is certain evidence (p = 0).
 */
public final class Pruner {
    private final TTest tTest = new TTest();
    private final double cutoffPval;

    public Pruner(double cutoffPval) {
        this.cutoffPval = cutoffPval;
    }

    /** Two-sided paired t-test p-value of {@code candidate} against {@code best}, same length >= 2. */
    public double pValue(double[] candidate, double[] best) {
        if (candidate.length != best.length || candidate.length < 2) {
            throw new IllegalArgumentException("paired t-test needs two equally long series of at least 2 scores, got "
                    + candidate.length + " and " + best.length);
        }
        double first = candidate[0] - best[0];
        boolean constant = true;
        for (int i = 1; i < candidate.length && constant; i++) {
            constant = candidate[i] - best[i] == first;
        }
        if (constant) {
            return first == 0 ? 1.0 : 0.0;
        }
        return tTest.pairedTTest(candidate, best);
    }

    /** Whether {@code candidate} should be dropped given the current best's paired scores. */
    public boolean drops(double[] candidate, double[] best) {
        return pValue(candidate, best) < cutoffPval;
    }
}
