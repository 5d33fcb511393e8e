package dev.diffprobe.harness.stats;

import java.util.Locale;

/** A closed confidence interval [lower, upper]. */
public record Interval(double lower, double upper) {
    public Interval {
        if (!(lower <= upper)) {
            throw new IllegalArgumentException("interval lower " + lower + " above upper " + upper);
        }
    }

    public boolean contains(double value) {
        return lower <= value && value <= upper;
    }

    /** The form verdict messages use: {@code [0.65, 0.76]}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "[%.2f, %.2f]", lower, upper);
    }
}
