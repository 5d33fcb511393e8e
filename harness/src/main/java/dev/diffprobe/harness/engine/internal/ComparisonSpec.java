package dev.diffprobe.harness.engine.internal;

import dev.diffprobe.harness.run.Comparison;

/** A comparison of a suite as its YAML declares it, with the line it starts on, for messages. */
public record ComparisonSpec(Comparison comparison, int line) {
    public String name() {
        return comparison.name();
    }
}
