package dev.diffprobe.harness.stats;

/**
 * A candidate and a baseline classifier judged on the same n examples. {@code lost} counts
 * examples the baseline got right and the candidate wrong, {@code gained} the reverse.
 * {@code difference} is candidate minus baseline accuracy with its 95% interval by Newcombe's
 * hybrid score method for paired proportions ({@link PairedDifferenceInterval}).
 */
public record PairedComparison(int n, int baselineCorrect, int candidateCorrect, int lost,
                               int gained, double pTwoSided, double pWorse, Interval difference) {

    /** Pairs the two outcome vectors position by position; both must describe the same examples. */
    public static PairedComparison of(boolean[] baseline, boolean[] candidate) {
        if (baseline.length != candidate.length) {
            throw new IllegalArgumentException("paired outcomes differ in length: baseline "
                    + baseline.length + ", candidate " + candidate.length);
        }
        int both = 0;
        int lost = 0;
        int gained = 0;
        int neither = 0;
        for (int i = 0; i < baseline.length; i++) {
            if (baseline[i] && candidate[i]) {
                both++;
            } else if (baseline[i]) {
                lost++;
            } else if (candidate[i]) {
                gained++;
            } else {
                neither++;
            }
        }
        return ofCounts(both, lost, gained, neither);
    }

    /** From the 2x2 table: both right, only the baseline right, only the candidate right, neither. */
    public static PairedComparison ofCounts(int both, int lost, int gained, int neither) {
        int n = both + lost + gained + neither;
        return new PairedComparison(n, both + lost, both + gained, lost, gained,
                McNemarTest.pTwoSided(lost, gained), McNemarTest.pWorse(lost, gained),
                PairedDifferenceInterval.of(both, lost, gained, neither));
    }

    public double baselineAccuracy() {
        return n == 0 ? 0 : (double) baselineCorrect / n;
    }

    public double candidateAccuracy() {
        return n == 0 ? 0 : (double) candidateCorrect / n;
    }

    public double accuracyDifference() {
        return candidateAccuracy() - baselineAccuracy();
    }
}
