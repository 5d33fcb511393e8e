package dev.diffprobe.harness.stats;

/**
 * The 95% interval of a difference of paired proportions by Newcombe's hybrid score method
 * (Newcombe 1998, Statistics in Medicine 17:2635, method 10): the Wilson intervals of the two
 * accuracies combined with the correlation of the pairs. Preferred to the Wald interval, which
 * is degenerate when there are few discordant pairs (the usual case for two close checkpoints).
 */
public final class PairedDifferenceInterval {
    private PairedDifferenceInterval() {
    }

    /**
     * The interval of (candidate accuracy - baseline accuracy) from the 2x2 table: both right,
     * only the baseline right ({@code lost}), only the candidate right ({@code gained}), neither.
     */
    public static Interval of(int both, int lost, int gained, int neither) {
        if (both < 0 || lost < 0 || gained < 0 || neither < 0) {
            throw new IllegalArgumentException("paired counts must be >= 0, got " + both + ", "
                    + lost + ", " + gained + ", " + neither);
        }
        int n = both + lost + gained + neither;
        if (n == 0) {
            return new Interval(-1, 1);
        }
        double pBase = (double) (both + lost) / n;
        double pCand = (double) (both + gained) / n;
        Interval base = WilsonInterval.of(both + lost, n);
        Interval cand = WilsonInterval.of(both + gained, n);
        double phi = phi(both, lost, gained, neither);
        double diff = pCand - pBase;
        double below = Math.sqrt(square(pCand - cand.lower())
                - 2 * phi * (pCand - cand.lower()) * (base.upper() - pBase)
                + square(base.upper() - pBase));
        double above = Math.sqrt(square(cand.upper() - pCand)
                - 2 * phi * (cand.upper() - pCand) * (pBase - base.lower())
                + square(pBase - base.lower()));
        return new Interval(Math.max(-1, diff - below), Math.min(1, diff + above));
    }

    /** The phi correlation of the 2x2 table; 0 when a margin is empty (Newcombe's convention). */
    private static double phi(double both, double lost, double gained, double neither) {
        double denominator = (both + lost) * (gained + neither) * (both + gained) * (lost + neither);
        if (denominator == 0) {
            return 0;
        }
        return (both * neither - lost * gained) / Math.sqrt(denominator);
    }

    private static double square(double x) {
        return x * x;
    }
}
