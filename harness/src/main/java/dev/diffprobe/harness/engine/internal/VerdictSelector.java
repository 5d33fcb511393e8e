package dev.diffprobe.harness.engine.internal;

import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.UniqueId;

/**
 * Selects one verdict of a task that is being resolved; what a task's match expands into. The
 * task's id is part of it because the resolver takes equal selectors for one.
 */
record VerdictSelector(UniqueId task, Check check) implements DiscoverySelector {
}
