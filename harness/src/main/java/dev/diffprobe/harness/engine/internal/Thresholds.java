package dev.diffprobe.harness.engine.internal;

import java.util.OptionalDouble;

/**
 * What a task's verdicts compare against, each a fraction in [0, 1]: the accuracy it must reach,
 * the drop against a baseline it tolerates, and (Cue-Conflict) the shape bias it must reach.
 * An absent value means the suite declares no such verdict.
 */
public record Thresholds(OptionalDouble accuracy, OptionalDouble maxDrop, OptionalDouble shapeBias) {
    public static Thresholds none() {
        return new Thresholds(OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty());
    }
}
