package dev.diffprobe.harness.classify;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.special.Gamma;
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
    private final Pruning rule;
    private final int minScores;
    private final int maxScores;

    /** Algorithm 1's rule: the same cutoff at every look. */
    public Pruner(double cutoffPval) {
        this(cutoffPval, Pruning.TTEST, 2, Integer.MAX_VALUE);
    }

    /**
     * {@code rule} with {@code cutoffPval}; {@code minScores} is the first look (see
     * {@link Pruning#ANYTIME}), {@code maxScores} the budget {@link Pruning#PREDICTIVE} looks ahead to.
     */
    public Pruner(double cutoffPval, Pruning rule, int minScores, int maxScores) {
        this.cutoffPval = cutoffPval;
        this.rule = rule;
        this.minScores = minScores;
        this.maxScores = maxScores;
    }

    /** The cutoff at a look after {@code n} paired scores. */
    public double cutoffAt(int n) {
        return rule == Pruning.TTEST ? cutoffPval : cutoffPval * minScores / ((double) n * (n + 1));
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

    /** Whether the rule judges all rivals together ({@link #dropsPooled}) rather than one at a time ({@link #drops}). */
    public boolean pooled() {
        return rule == Pruning.POOLED || rule == Pruning.MODERATED;
    }

    /** Whether {@code candidate} should be dropped given the current best's paired scores. */
    public boolean drops(double[] candidate, double[] best) {
        if (rule == Pruning.PREDICTIVE) {
            return overtakeProbability(candidate, best) < cutoffPval;
        }
        return pValue(candidate, best) < cutoffAt(candidate.length);
    }

    /**
     * {@link Pruning#POOLED} and {@link Pruning#MODERATED}: which of {@code rivals} to drop, each a
     * series of paired scores as long as {@code best}'s (at least 2); none when no rounds are left.
     */
    public boolean[] dropsPooled(double[][] rivals, double[] best) {
        int n = best.length;
        int rest = maxScores - n;
        boolean[] drop = new boolean[rivals.length];
        if (rest <= 0 || rivals.length == 0) {
            return drop;
        }
        if (n < 2) {
            throw new IllegalArgumentException("pooled pruning needs at least 2 scores per candidate, got " + n);
        }
        double[] means = new double[rivals.length];
        double[] variances = new double[rivals.length];
        double pooledVariance = 0;
        for (int j = 0; j < rivals.length; j++) {
            if (rivals[j].length != n) {
                throw new IllegalArgumentException("pooled pruning needs equally long series, got " + rivals[j].length
                        + " and " + n);
            }
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += rivals[j][i] - best[i];
            }
            means[j] = sum / n;
            for (int i = 0; i < n; i++) {
                double d = rivals[j][i] - best[i] - means[j];
                variances[j] += d * d / (n - 1);
            }
            pooledVariance += variances[j] / rivals.length;
        }
        double pooledDf = pooledDegreesOfFreedom(rivals, best, means);
        if (rule == Pruning.POOLED) {
            TDistribution t = new TDistribution(null, pooledDf);
            for (int j = 0; j < rivals.length; j++) {
                drop[j] = overtake(means[j], Math.sqrt(pooledVariance), n, rest, t) < cutoffPval;
            }
            return drop;
        }
        double own = n - 1;
        double prior = Math.min(priorDegreesOfFreedom(variances, own), Math.max(0, pooledDf - own));
        TDistribution t = new TDistribution(null, prior + own);
        for (int j = 0; j < rivals.length; j++) {
            double variance = (prior * pooledVariance + own * variances[j]) / (prior + own);
            drop[j] = overtake(means[j], Math.sqrt(variance), n, rest, t) < cutoffPval;
        }
        return drop;
    }

    /**
     * {@link Pruning#MODERATED}'s prior degrees of freedom d0 (Smyth 2004, the moderated t of
     * limma): sample variances on d degrees of freedom scatter in log space by trigamma(d / 2) when
     * their true variances are equal, so the excess scatter of the rivals' log variances over that
     * measures how unequal the true ones are, and trigamma(d0 / 2) = excess gives the weight of the
     * common variance. No excess: the rivals look alike (infinite d0, capped by the caller at what
     * the pooled variance carries). 0 when it cannot be told: one rival, or a zero variance.
     */
    static double priorDegreesOfFreedom(double[] variances, double d) {
        int m = variances.length;
        if (m < 2) {
            return 0;
        }
        double[] logs = new double[m];
        double mean = 0;
        for (int j = 0; j < m; j++) {
            if (!(variances[j] > 0)) {
                return 0;
            }
            logs[j] = Math.log(variances[j]);
            mean += logs[j] / m;
        }
        double scatter = 0;
        for (double log : logs) {
            scatter += (log - mean) * (log - mean) / (m - 1);
        }
        double excess = scatter - Gamma.trigamma(d / 2);
        return excess > 0 ? 2 * inverseTrigamma(excess) : Double.POSITIVE_INFINITY;
    }

    /** The y > 0 with trigamma(y) = x (trigamma falls from infinity to 0), by bisection in log y. */
    static double inverseTrigamma(double x) {
        double low = Math.log(1e-8);
        double high = Math.log(1e8);
        for (int i = 0; i < 100; i++) {
            double mid = (low + high) / 2;
            if (Gamma.trigamma(Math.exp(mid)) > x) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return Math.exp((low + high) / 2);
    }

    /**
     * The degrees of freedom of the pooled variance: m (n - 1) if the m rivals' sample variances
     * were independent, but the rivals share the example's (t, eps) draws and the best's scores,
     * so their variances rise and fall together (three rounds at quiet t make every rival look
     * certain at once). The mean of m variances whose pairwise correlation is kappa carries the
     * information of m (n - 1) / (1 + (m - 1) kappa) degrees of freedom. kappa is the correlation
     * over rounds of the rivals' squared centred differences, the terms the variances sum: it is
     * rho^2 for Gaussian differences of correlation rho and also sees a spread shared through t.
     * A pair without spread in its squares counts as moving in lockstep; one rival leaves the
     * predictive rule's n - 1.
     */
    static double pooledDegreesOfFreedom(double[][] rivals, double[] best, double[] means) {
        int m = rivals.length;
        int n = best.length;
        if (m == 1) {
            return n - 1;
        }
        double[][] squares = new double[m][n];
        for (int j = 0; j < m; j++) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                double c = rivals[j][i] - best[i] - means[j];
                squares[j][i] = c * c;
                mean += squares[j][i] / n;
            }
            for (int i = 0; i < n; i++) {
                squares[j][i] -= mean;
            }
        }
        double correlations = 0;
        for (int a = 0; a < m; a++) {
            for (int b = a + 1; b < m; b++) {
                double dot = 0;
                double normA = 0;
                double normB = 0;
                for (int i = 0; i < n; i++) {
                    dot += squares[a][i] * squares[b][i];
                    normA += squares[a][i] * squares[a][i];
                    normB += squares[b][i] * squares[b][i];
                }
                correlations += normA > 0 && normB > 0 ? dot / Math.sqrt(normA * normB) : 1.0;
            }
        }
        double kappa = Math.max(0, Math.min(1, correlations / (m * (m - 1) / 2.0)));
        return m * (n - 1) / (1 + (m - 1) * kappa);
    }

    /**
     * {@link Pruning#PREDICTIVE}: the probability that {@code candidate} ends with the lower mean
     * after maxScores rounds; 1 when no rounds are left to run (the example ends anyway).
     */
    public double overtakeProbability(double[] candidate, double[] best) {
        int n = candidate.length;
        if (n != best.length || n < 2) {
            throw new IllegalArgumentException("predictive pruning needs two equally long series of at least 2 scores, got "
                    + n + " and " + best.length);
        }
        int rest = maxScores - n;
        if (rest <= 0) {
            return 1.0;
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += candidate[i] - best[i];
        }
        double mean = sum / n;
        double squares = 0;
        for (int i = 0; i < n; i++) {
            double d = candidate[i] - best[i] - mean;
            squares += d * d;
        }
        double sd = Math.sqrt(squares / (n - 1));
        return overtake(mean, sd, n, rest, new TDistribution(null, n - 1));
    }

    /**
     * P(the final sum of differences after maxScores rounds is negative), given n differences of
     * mean {@code mean} and standard deviation {@code sd} and {@code rest} rounds to go.
     */
    private double overtake(double mean, double sd, int n, int rest, TDistribution t) {
        if (sd == 0) {
            return mean > 0 ? 0.0 : mean < 0 ? 1.0 : 0.5;
        }
        return 1 - t.cumulativeProbability(maxScores * mean / (sd * Math.sqrt(rest + (double) rest * rest / n)));
    }
}
