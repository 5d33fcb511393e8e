package dev.diffprobe.harness.stats;

import org.apache.commons.math3.special.Beta;

/** The exact one-sided binomial test of "better than chance" that every task verdict reports. */
public final class BinomialTest {
    private BinomialTest() {
    }

    /**
     * P(X >= successes) for X ~ Binomial(n, chance): small when the accuracy beats chance.
     * Computed as the regularized incomplete beta I_chance(successes, n - successes + 1), the
     * identity Commons Math's BinomialDistribution rests on, rather than 1 - cdf, which rounds
     * every p below 1e-16 to 0 and would print a strong result as "p = 0".
     */
    public static double pAtLeast(int successes, int n, double chance) {
        if (n < 0 || successes < 0 || successes > n) {
            throw new IllegalArgumentException("binomial test needs 0 <= successes <= n, got "
                    + successes + " of " + n);
        }
        if (!(chance >= 0 && chance <= 1)) {
            throw new IllegalArgumentException("chance must lie in [0, 1], got " + chance);
        }
        if (successes == 0) {
            return 1;
        }
        if (chance == 0) {
            return 0;
        }
        if (chance == 1) {
            return 1;
        }
        return Beta.regularizedBeta(chance, successes, n - successes + 1.0);
    }
}
