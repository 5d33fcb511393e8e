package dev.diffprobe.probes;

import dev.diffprobe.harness.engine.DiffProbeEngine;
import dev.diffprobe.harness.engine.DiffProbeSuites;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectClasses;
import org.junit.platform.suite.api.Suite;

/**
 * The anchor through which Surefire reaches the DiffProbe engine. Surefire hands engines only
 * the test classes it finds, and reports only tests it can place under a class; so this class
 * is a JUnit Platform suite (Surefire runs only the suite engine here, see pom.xml) that selects
 * itself for the DiffProbe engine alone, and the engine resolves {@link DiffProbeSuites} to the
 * suite files under {@code src/test/resources/probes/}, filtered by {@code -Dsuite} (default
 * {@code smoke}).
 */
@Suite
@IncludeEngines(DiffProbeEngine.ID)
@SelectClasses(ProbesTest.class)
@DiffProbeSuites
class ProbesTest {
}
