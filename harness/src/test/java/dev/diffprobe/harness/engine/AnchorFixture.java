package dev.diffprobe.harness.engine;

/**
 * Stands for the probes module's anchor class in the engine's tests. Its name matches none of
 * Surefire's test class patterns, so the harness's own test run never sends it to the engine.
 */
@DiffProbeSuites
final class AnchorFixture {
}
