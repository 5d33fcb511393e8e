package dev.diffprobe.harness.classify;

/** The temperature softmax the classifiers report as a confidence. */
final class Softmax {
    private Softmax() {
    }

    /** softmax(-scores / temperature), shifted by the minimum so that no exponent overflows. */
    static double[] ofNegated(double[] scores, double temperature) {
        double min = Double.POSITIVE_INFINITY;
        for (double s : scores) {
            min = Math.min(min, s);
        }
        double[] p = new double[scores.length];
        double sum = 0;
        for (int i = 0; i < scores.length; i++) {
            p[i] = Math.exp(-(scores[i] - min) / temperature);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }
}
