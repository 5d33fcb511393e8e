package dev.diffprobe.harness.engine;

import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectClasses;
import org.junit.platform.suite.api.Suite;

/**
 * An anchor made like the probes module's {@code ProbesTest}, a suite of the JUnit suite engine
 * that selects itself for the DiffProbe engine, for the tests that run the Console Launcher. Its
 * name matches none of Surefire's test class patterns, so Surefire here never hands it over.
 */
@Suite
@IncludeEngines(DiffProbeEngine.ID)
@SelectClasses(LauncherAnchor.class)
@DiffProbeSuites
class LauncherAnchor {
}
