package dev.diffprobe.harness.classify;

import java.util.Locale;

/**
 * How the classifier spends its denoiser calls; the three variants the paper compares in its
 * Figure 2.
 */
public enum Mode {
    /** Every candidate draws its own (t, eps) each round; no pruning: the unpaired baseline. */
    NAIVE,
    /** All candidates of an example share each round's (t, eps); no pruning. */
    SHARED,
    /** Shared (t, eps) and paired t-test pruning: the paper's Algorithm 1. */
    PRUNED;

    /** The lower-case name used in settings, journals and the study's CSV. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Mode parse(String key, String value) {
        for (Mode mode : values()) {
            if (mode.word().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return mode;
            }
        }
        throw new SettingException(key, value, "expected naive, shared or pruned");
    }
}
