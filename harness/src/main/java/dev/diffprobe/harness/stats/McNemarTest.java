package dev.diffprobe.harness.stats;

/**
 * The exact McNemar test on the discordant pairs of two classifiers judged on the same
 * examples: under "equally accurate" each discordant pair is a fair coin, so the number the
 * candidate lost is Binomial(lost + gained, 1/2).
 */
public final class McNemarTest {
    private McNemarTest() {
    }

    /** Two-sided p: twice the smaller tail, capped at 1; 1 when there is no discordant pair. */
    public static double pTwoSided(int lost, int gained) {
        check(lost, gained);
        int discordant = lost + gained;
        if (discordant == 0) {
            return 1;
        }
        // P(X <= m) equals P(X >= discordant - m) at p = 1/2; the upper form keeps tiny tails exact.
        double smallerTail = BinomialTest.pAtLeast(discordant - Math.min(lost, gained), discordant, 0.5);
        return Math.min(1, 2 * smallerTail);
    }

    /** One-sided p of "the candidate is worse": P(X >= lost), X ~ Binomial(lost + gained, 1/2). */
    public static double pWorse(int lost, int gained) {
        check(lost, gained);
        return BinomialTest.pAtLeast(lost, lost + gained, 0.5);
    }

    private static void check(int lost, int gained) {
        if (lost < 0 || gained < 0) {
            throw new IllegalArgumentException("discordant counts must be >= 0, got lost "
                    + lost + ", gained " + gained);
        }
    }
}
