package dev.diffprobe.reports.calibration;

import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;

/**
 * Platt scaling of one scalar confidence feature: P(correct) = sigmoid(a * x + b), fitted by
 * maximum likelihood. The paper's Appendix E uses the number of denoiser calls as x: under
 * pruning an easy example is decided in few calls, so a should come out negative.
 *
 * <p>Targets are Platt's (1999) smoothed labels, (N+ + 1) / (N+ + 2) for correct and
 * 1 / (N- + 2) for wrong examples: without them a fit split that is all correct, or perfectly
 * separated by x, drives a and b to infinity; with them the likelihood is strictly concave and
 * Newton's method (halving a step that would lower it) converges to the one optimum. The
 * feature is standardised first so that call counts in the thousands keep the Hessian well
 * conditioned.
 */
public final class PlattScaling {

    private static final int MAX_ITERATIONS = 200;
    private static final int MAX_HALVINGS = 60;
    /** Stop when the gradient is this small per example; far below any visible change in P. */
    private static final double GRADIENT_TOLERANCE = 1e-12;

    private final double slope;
    private final double intercept;

    public PlattScaling(double slope, double intercept) {
        this.slope = slope;
        this.intercept = intercept;
    }

    public static PlattScaling fit(double[] feature, boolean[] correct) {
        if (feature.length != correct.length) {
            throw new IllegalArgumentException("feature has " + feature.length
                    + " values but correct has " + correct.length);
        }
        if (feature.length == 0) {
            throw new IllegalArgumentException("Platt scaling needs at least one example to fit");
        }
        int positives = 0;
        for (boolean c : correct) {
            positives += c ? 1 : 0;
        }
        int negatives = correct.length - positives;
        double hi = (positives + 1.0) / (positives + 2.0);
        double lo = 1.0 / (negatives + 2.0);
        double[] target = new double[correct.length];
        for (int i = 0; i < target.length; i++) {
            target[i] = correct[i] ? hi : lo;
        }

        double mean = 0;
        for (double x : feature) {
            mean += x;
        }
        mean /= feature.length;
        double var = 0;
        for (double x : feature) {
            var += (x - mean) * (x - mean);
        }
        double sd = Math.sqrt(var / feature.length);
        if (sd == 0) {
            // A constant feature (e.g. an unpruned run, where every example costs the same)
            // carries no information: the best fit is the smoothed accuracy itself.
            double meanTarget = 0;
            for (double t : target) {
                meanTarget += t;
            }
            meanTarget /= target.length;
            return new PlattScaling(0, Math.log(meanTarget / (1 - meanTarget)));
        }
        double[] z = new double[feature.length];
        for (int i = 0; i < z.length; i++) {
            z[i] = (feature[i] - mean) / sd;
        }

        double[] ab = newton(z, target);
        double a = ab[0];
        double b = ab[1];
        return new PlattScaling(a / sd, b - a * mean / sd);
    }

    private static double negativeLogLikelihood(double a, double b, double[] z, double[] target) {
        double nll = 0;
        for (int i = 0; i < z.length; i++) {
            double s = a * z[i] + b;
            nll -= target[i] * Logistic.logSigmoid(s) + (1 - target[i]) * Logistic.logSigmoid(-s);
        }
        return nll;
    }

    private static double[] newton(double[] z, double[] target) {
        double a = 0;
        double b = 0;
        double nll = negativeLogLikelihood(a, b, z, target);
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double[] g = gradient(a, b, z, target);
            if (Math.hypot(g[0], g[1]) < GRADIENT_TOLERANCE * z.length) {
                break;
            }
            RealVector step = new LUDecomposition(hessian(a, b, z)).getSolver()
                    .solve(MatrixUtils.createRealVector(g));
            double scale = 1;
            double nextA = a - step.getEntry(0);
            double nextB = b - step.getEntry(1);
            double next = negativeLogLikelihood(nextA, nextB, z, target);
            for (int h = 0; h < MAX_HALVINGS && next > nll; h++) {
                scale /= 2;
                nextA = a - scale * step.getEntry(0);
                nextB = b - scale * step.getEntry(1);
                next = negativeLogLikelihood(nextA, nextB, z, target);
            }
            if (next > nll) {
                break;
            }
            a = nextA;
            b = nextB;
            nll = next;
        }
        return new double[] {a, b};
    }

    private static RealMatrix hessian(double a, double b, double[] z) {
        double aa = 0;
        double ab = 0;
        double bb = 0;
        for (double zi : z) {
            double p = Logistic.sigmoid(a * zi + b);
            double w = p * (1 - p);
            aa += w * zi * zi;
            ab += w * zi;
            bb += w;
        }
        return MatrixUtils.createRealMatrix(new double[][] {{aa, ab}, {ab, bb}});
    }

    private static double[] gradient(double a, double b, double[] z, double[] target) {
        double ga = 0;
        double gb = 0;
        for (int i = 0; i < z.length; i++) {
            double residual = Logistic.sigmoid(a * z[i] + b) - target[i];
            ga += residual * z[i];
            gb += residual;
        }
        return new double[] {ga, gb};
    }

    /** The fitted P(correct) for feature value {@code x}. */
    public double probability(double x) {
        return Logistic.sigmoid(slope * x + intercept);
    }

    public double[] probabilities(double[] feature) {
        double[] p = new double[feature.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = probability(feature[i]);
        }
        return p;
    }

    public double slope() {
        return slope;
    }

    public double intercept() {
        return intercept;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "P(correct) = sigmoid(%.4g * calls %+.4g)",
                slope, intercept);
    }
}
