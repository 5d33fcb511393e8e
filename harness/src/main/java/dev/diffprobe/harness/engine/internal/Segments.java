package dev.diffprobe.harness.engine.internal;

/** Unique-id segment types: {@code [engine:diffprobe]/[suite:binding]/[task:ShapeColor]/[verdict:threshold]},
 * {@code [suite:paper]/[comparison:Algorithm 1 vs no pruning]}. */
final class Segments {
    static final String SUITE = "suite";
    static final String TASK = "task";
    static final String VERDICT = "verdict";
    static final String COMPARISON = "comparison";

    private Segments() {
    }
}
