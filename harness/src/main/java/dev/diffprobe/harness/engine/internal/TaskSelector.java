package dev.diffprobe.harness.engine.internal;

import org.junit.platform.engine.DiscoverySelector;

/** Selects one task of a suite that is being resolved; what a suite's match expands into. */
record TaskSelector(LoadedSuite suite, TaskSpec task) implements DiscoverySelector {
}
