package dev.diffprobe.harness.classify;

import java.util.Locale;

/**
 * How a round's t is drawn. The score estimates the same expectation either way,
 * E_{t ~ U[tMin, tMax]}[w(t) ||x - x0_hat||^2]; what changes is where the denoiser calls go.
 */
public enum TimeSampling {
    /** t ~ U[tMin, tMax], score w(t) x error: the paper's estimator. */
    UNIFORM,
    /**
     * Importance sampling: t drawn with density q(t) proportional to w(t), score
     * w(t) / (q(t) (tMax - tMin)) x error. With the heuristic weighting exp(-7t) the uniform
     * estimator spends half its rounds at t > 0.5, where w < 0.03 and a round barely moves the
     * mean; here every round lands where the weighting says the evidence is.
     */
    WEIGHTED;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    static TimeSampling parse(String key, String value) {
        for (TimeSampling s : values()) {
            if (s.word().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new SettingException(key, value, "expected uniform or weighted");
    }
}
