package dev.diffprobe.harness.engine.internal;

/**
 * The checks a task is judged by, each a test of its own. The unique-id segment of a verdict is
 * {@link #word()}, which never changes, so that Allure's history (keyed on unique ids) carries on.
 */
public enum Check {
    /** Accuracy at least the task's {@code thresholds.accuracy}. */
    THRESHOLD("threshold"),
    /** Accuracy above chance by a one-sided binomial test. */
    CHANCE("chance"),
    /** Not significantly worse than the baseline checkpoint by more than {@code thresholds.max_drop}. */
    REGRESSION("regression"),
    /** Cue-Conflict shape bias at least {@code thresholds.shape_bias}. */
    SHAPE_BIAS("shape-bias"),
    /**
     * Every example classified without an error: the one check of a task that runs only for the
     * suite's comparisons, so that a broken run shows on the task itself.
     */
    COMPLETED("completed");

    private final String word;

    Check(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }
}
