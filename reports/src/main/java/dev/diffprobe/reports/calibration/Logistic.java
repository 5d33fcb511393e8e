package dev.diffprobe.reports.calibration;

/** Numerically stable logistic helpers shared by the fits. */
final class Logistic {

    private Logistic() {
    }

    static double sigmoid(double z) {
        if (z >= 0) {
            return 1 / (1 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1 + e);
    }

    /** log(sigmoid(z)) without overflow for large |z|. */
    static double logSigmoid(double z) {
        return z >= 0 ? -Math.log1p(Math.exp(-z)) : z - Math.log1p(Math.exp(z));
    }
}
