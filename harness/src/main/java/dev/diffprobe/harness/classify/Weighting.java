package dev.diffprobe.harness.classify;

import dev.diffprobe.models.NoiseSchedule;

/**
 * The w(t) of the paper's Eq. 2: score = w(t) * ||x - x0_hat(x_t, prompt, t)||^2. The choice
 * changes which noise levels decide the vote; the paper finds the heuristic one best.
 */
public interface Weighting {
    double weight(double t, NoiseSchedule schedule);

    /** How settings and journals name this weighting, e.g. {@code heuristic(k=7.0)}. */
    String name();

    /** False for a weighting fitted on labelled data; results using it are not zero-shot. */
    default boolean zeroShot() {
        return true;
    }

    /** w = SNR(t): the weighted x0 error then equals the plain epsilon MSE. */
    static Weighting simple() {
        return new Weighting() {
            @Override
            public double weight(double t, NoiseSchedule schedule) {
                return schedule.snr(t);
            }

            @Override
            public String name() {
                return "simple";
            }
        };
    }

    /** w = -SNR'(t): the variational bound of Kingma et al. (VDM). */
    static Weighting vdm() {
        return new Weighting() {
            @Override
            public double weight(double t, NoiseSchedule schedule) {
                return -schedule.snrDerivative(t);
            }

            @Override
            public String name() {
                return "vdm";
            }
        };
    }

    /**
     * w = exp(-k t): the paper's heuristic, which favours low noise levels, where class
     * evidence is sharpest. The paper's Algorithm 1 uses k = 7, its appendix k = 6.
     */
    static Weighting heuristic(double k) {
        if (!Double.isFinite(k)) {
            throw new SettingException(ClassifierSettings.WEIGHTING_K, k, "expected a finite number");
        }
        return new Weighting() {
            @Override
            public double weight(double t, NoiseSchedule schedule) {
                return Math.exp(-k * t);
            }

            @Override
            public String name() {
                return "heuristic(k=" + k + ")";
            }
        };
    }
}
