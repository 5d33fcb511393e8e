package dev.diffprobe.harness.stats;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The Wilson score interval of a binomial proportion. Chosen over the Wald interval because
 * accuracies near 0 or 1 on a few hundred examples are common here, and Wald's interval then
 * collapses to a point or leaves [0, 1].
 */
public final class WilsonInterval {
    public static final double CONFIDENCE = 0.95;

    private WilsonInterval() {
    }

    public static Interval of(long successes, long n) {
        return of(successes, n, CONFIDENCE);
    }

    /** With no trials there is no information, so the interval is all of [0, 1]. */
    public static Interval of(long successes, long n, double confidence) {
        if (n < 0 || successes < 0 || successes > n) {
            throw new IllegalArgumentException("Wilson interval needs 0 <= successes <= n, got "
                    + successes + " of " + n);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must lie in (0, 1), got " + confidence);
        }
        if (n == 0) {
            return new Interval(0, 1);
        }
        double z = z(confidence);
        double p = (double) successes / n;
        double z2n = z * z / n;
        double centre = (p + z2n / 2) / (1 + z2n);
        double half = z / (1 + z2n) * Math.sqrt(p * (1 - p) / n + z2n / (4 * n));
        return new Interval(Math.max(0, centre - half), Math.min(1, centre + half));
    }

    static double z(double confidence) {
        return new NormalDistribution().inverseCumulativeProbability(1 - (1 - confidence) / 2);
    }
}
