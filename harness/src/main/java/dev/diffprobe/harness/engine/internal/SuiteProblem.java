package dev.diffprobe.harness.engine.internal;

/** Something wrong in a suite file, at a 1-based line (0 when the whole file is meant). */
public record SuiteProblem(int line, String message) {
}
