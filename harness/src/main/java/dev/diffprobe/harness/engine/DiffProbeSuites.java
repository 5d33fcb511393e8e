package dev.diffprobe.harness.engine;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the anchor class through which Surefire (which only hands engines class selectors)
 * reaches the DiffProbe engine: the engine resolves such a class to every suite file
 * {@code probes/*.yaml} on the test classpath, filtered by the {@value dev.diffprobe.harness.config.DiffProbeSettings#SUITE}
 * setting. The class itself holds nothing. An anchor that is also a JUnit Platform {@code @Suite}
 * (selecting itself for this engine, as the probes module's {@code ProbesTest} does) runs through
 * the suite engine alone: at the root of a test plan this engine leaves it, and classpath scans
 * that find it, to the suite engine, so that each suite runs once. Verdicts under an anchor have
 * a method source {@code <anchor>#<suite>.<task>.<verdict>} for class#method filters.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface DiffProbeSuites {
}
