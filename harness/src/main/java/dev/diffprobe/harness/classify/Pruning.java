package dev.diffprobe.harness.classify;

import java.util.Locale;

/** When a candidate's paired t-test against the best drops it. */
public enum Pruning {
    /** The paper's Algorithm 1: p below cutoffPval at any look from minScores on. */
    TTEST,
    /**
     * Valid under repeated looks: at look n (n >= minScores completed rounds) the cutoff is
     * cutoffPval x minScores / (n (n + 1)). These cutoffs sum to cutoffPval over all looks, so by
     * the union bound a candidate as good as the best is dropped with probability at most
     * cutoffPval however long the example runs (exact under normal paired differences, for which
     * the t-test is exact), where Algorithm 1's fixed cutoff is spent afresh at every look.
     */
    ANYTIME,
    /**
     * Drops a candidate when, given its paired differences to the best so far, the predictive
     * probability that it would still overtake the best by maxScores falls below cutoffPval: the
     * rule aims at the answer the full budget would give rather than at a null hypothesis. With n
     * differences of mean m and standard deviation s, and r = maxScores - n rounds to go, a flat
     * prior on the mean difference gives the final sum n m + (future sum) with the future sum
     * ~ N(r m, s^2 (r + r^2 / n)); the candidate wins iff that sum is negative, with probability
     * P(T_{n-1} > maxScores m / (s sqrt(r + r^2 / n))) (Student t for the unknown variance). Not
     * valid under repeated looks in the frequentist sense: its error is measured against the
     * full-budget answer.
     */
    PREDICTIVE,
    /**
     * {@link #PREDICTIVE} with one variance for all candidates of the example: the sample
     * variances of every surviving candidate's paired differences to the best, averaged, with up
     * to m (n - 1) degrees of freedom for m rivals (fewer as their variances move together, see
     * Pruner.pooledDegreesOfFreedom). A variance from n = 3 rounds alone is so
     * uncertain (2 degrees of freedom) that the per-candidate rule must wait for more rounds
     * before it can drop anything; pooled over a 10-way task's nine rivals it has 18. The price is
     * an assumption: rivals' differences to the best vary alike (a rival far off, with a larger
     * variance, is dropped early anyway). With two candidates it is {@link #PREDICTIVE}.
     */
    POOLED,
    /**
     * {@link #PREDICTIVE} with each rival's variance moderated towards the pooled one, as in
     * limma's moderated t (Smyth 2004): (d0 s0^2 + (n - 1) s^2) / (d0 + n - 1) on d0 + n - 1
     * degrees of freedom, where s0^2 is the pooled variance and d0 is estimated from how much more
     * the rivals' log variances scatter than sampling alone explains. Rivals that vary alike get
     * the pooled rule's confidence; one much noisier than the rest (often the true class while a
     * wrong one leads) keeps its own variance, which {@link #POOLED} ignores.
     */
    MODERATED;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Pruning parse(String key, String value) {
        for (Pruning p : values()) {
            if (p.word().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new SettingException(key, value, expected());
    }

    static String expected() {
        return "expected one of " + java.util.Arrays.stream(values()).map(Pruning::word).toList();
    }
}
