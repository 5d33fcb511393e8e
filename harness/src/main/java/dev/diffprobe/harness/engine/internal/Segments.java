package dev.diffprobe.harness.engine.internal;

/** Unique-id segment types: {@code [engine:diffprobe]/[suite:binding]/[task:ShapeColor]/[verdict:threshold]}. */
final class Segments {
    static final String SUITE = "suite";
    static final String TASK = "task";
    static final String VERDICT = "verdict";

    private Segments() {
    }
}
