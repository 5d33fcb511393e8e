package dev.diffprobe.reports.calibration;

import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;

import java.util.Locale;

/**
 * Temperature scaling of the mean-score softmax: P(class k) = softmax(-meanScore / T)_k, with
 * T fitted to minimise the negative log-likelihood of the true labels (Guo et al. 2017; the
 * paper's Appendix E). Lower scores mean a better match, hence the minus sign.
 *
 * <p>The fit runs in the inverse temperature beta = 1/T, in which the NLL is convex (a sum of
 * log-sum-exps of functions linear in beta), so Brent's method on [0, B] finds the global
 * optimum once B lies beyond it. B starts at the reciprocal of the mean score spread and
 * doubles until the NLL's slope turns non-negative. beta = 0 (T infinite, uniform
 * probabilities) is a legitimate answer: it says the scores carry no information on the fit
 * split.
 *
 * <p>The paper notes the scores must come from unpruned runs: under pruning a dropped class's
 * mean rests on fewer rounds, and its softmax is not comparable. Fit it on a shared-noise run.
 */
public final class TemperatureScaling {

    private static final int MAX_DOUBLINGS = 200;
    private static final int MAX_EVALUATIONS = 1_000;

    private final double inverseTemperature;

    private TemperatureScaling(double inverseTemperature) {
        this.inverseTemperature = inverseTemperature;
    }

    public static TemperatureScaling ofTemperature(double temperature) {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be > 0, was " + temperature);
        }
        return new TemperatureScaling(1 / temperature);
    }

    /**
     * @param meanScores per example, the mean weighted score of each candidate
     * @param labels     per example, the index of the true candidate
     */
    public static TemperatureScaling fit(double[][] meanScores, int[] labels) {
        if (meanScores.length != labels.length) {
            throw new IllegalArgumentException("meanScores has " + meanScores.length
                    + " examples but labels has " + labels.length);
        }
        if (meanScores.length == 0) {
            throw new IllegalArgumentException("temperature scaling needs at least one example to fit");
        }
        double spread = 0;
        for (int i = 0; i < meanScores.length; i++) {
            double[] s = meanScores[i];
            if (labels[i] < 0 || labels[i] >= s.length) {
                throw new IllegalArgumentException("example " + i + ": label " + labels[i]
                        + " outside 0.." + (s.length - 1));
            }
            spread += max(s) - min(s);
        }
        spread /= meanScores.length;
        if (spread == 0 || slope(0, meanScores, labels) >= 0) {
            // Convexity: a non-decreasing NLL at beta = 0 never comes down again.
            return new TemperatureScaling(0);
        }
        double upper = 1 / spread;
        for (int i = 0; i < MAX_DOUBLINGS && slope(upper, meanScores, labels) < 0; i++) {
            upper *= 2;
        }
        double bound = upper;
        BrentOptimizer brent = new BrentOptimizer(1e-10, 1e-14 / spread);
        double beta = brent.optimize(
                new MaxEval(MAX_EVALUATIONS),
                new UnivariateObjectiveFunction(b -> negativeLogLikelihood(b, meanScores, labels)),
                GoalType.MINIMIZE,
                new SearchInterval(0, bound, Math.min(1 / spread, bound / 2))).getPoint();
        return new TemperatureScaling(beta);
    }

    static double negativeLogLikelihood(double beta, double[][] meanScores, int[] labels) {
        double nll = 0;
        for (int i = 0; i < meanScores.length; i++) {
            double[] s = meanScores[i];
            nll -= Math.log(softmax(beta, s)[labels[i]]);
        }
        return nll;
    }

    /** d NLL / d beta = sum_i (s_label - E_p[s]). */
    private static double slope(double beta, double[][] meanScores, int[] labels) {
        double g = 0;
        for (int i = 0; i < meanScores.length; i++) {
            double[] s = meanScores[i];
            double[] p = softmax(beta, s);
            double expected = 0;
            for (int k = 0; k < s.length; k++) {
                expected += p[k] * s[k];
            }
            g += s[labels[i]] - expected;
        }
        return g;
    }

    private static double[] softmax(double beta, double[] scores) {
        double lowest = min(scores);
        double[] p = new double[scores.length];
        double sum = 0;
        for (int k = 0; k < scores.length; k++) {
            p[k] = Math.exp(-beta * (scores[k] - lowest));
            sum += p[k];
        }
        for (int k = 0; k < p.length; k++) {
            p[k] /= sum;
        }
        return p;
    }

    public double[] probabilities(double[] meanScores) {
        return softmax(inverseTemperature, meanScores);
    }

    /** T; infinite when the fit found the scores uninformative. */
    public double temperature() {
        return 1 / inverseTemperature;
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }

    private static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : v) {
            m = Math.min(m, x);
        }
        return m;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "softmax(-score / T), T = %.4g", temperature());
    }
}
