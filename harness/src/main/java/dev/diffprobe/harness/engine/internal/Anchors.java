package dev.diffprobe.harness.engine.internal;

import dev.diffprobe.harness.engine.DiffProbeSuites;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.UniqueId;

import java.lang.annotation.Annotation;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Where the engine stands in the test plan, and what its anchor classes are. An anchor is a
 * class annotated {@link DiffProbeSuites}; one that is also a JUnit Platform {@code @Suite}
 * (the probes module's {@code ProbesTest}) belongs to the suite engine, which runs this engine
 * nested under it: a launcher that also hands this engine the class, or the classpath root or
 * package holding it, must not run the suites a second time at the root of the plan.
 */
final class Anchors {
    /** The suite engine's id and its segment type for a suite class. */
    static final String SUITE_ENGINE = "junit-platform-suite";
    private static final String SUITE_SEGMENT = "suite";
    private static final String SUITE_ANNOTATION = "org.junit.platform.suite.api.Suite";
    private static final String SUITE_ENGINE_CLASS = "org.junit.platform.suite.engine.SuiteTestEngine";

    private final UniqueId engineId;
    private final List<URI> scannedRoots;
    private final boolean suiteEngineRuns;
    private Boolean scanHoldsSuiteAnchor;

    /** {@code scannedRoots}: the classpath roots the discovery request scans. */
    Anchors(UniqueId engineId, List<URI> scannedRoots) {
        this.engineId = engineId;
        this.scannedRoots = List.copyOf(scannedRoots);
        this.suiteEngineRuns = engineId.getSegments().size() == 1
                && ReflectionSupport.tryToLoadClass(SUITE_ENGINE_CLASS).toOptional().isPresent();
    }

    static boolean isAnchor(Class<?> type) {
        return AnnotationSupport.isAnnotated(type, DiffProbeSuites.class);
    }

    /**
     * The anchor class this discovery runs under, when the suite engine runs it nested: the
     * suite segment just above this engine's, {@code [suite:dev.diffprobe.probes.ProbesTest]}.
     */
    Optional<String> nestingSuiteClass() {
        List<UniqueId.Segment> segments = engineId.getSegments();
        if (segments.size() < 2) {
            return Optional.empty();
        }
        UniqueId.Segment parent = segments.get(segments.size() - 2);
        return parent.getType().equals(SUITE_SEGMENT) ? Optional.of(parent.getValue()) : Optional.empty();
    }

    /** Whether this root-level engine leaves {@code anchor} to the suite engine, which runs it. */
    boolean leftToSuiteEngine(Class<?> anchor) {
        return suiteEngineRuns && isJUnitSuite(anchor);
    }

    /**
     * Whether this root-level engine leaves the scanned classpath roots to the suite engine: when
     * one of them holds an anchor that is a {@code @Suite}, that anchor's run covers the suites
     * of every root on the class path.
     */
    boolean scanLeftToSuiteEngine() {
        if (!suiteEngineRuns) {
            return false;
        }
        if (scanHoldsSuiteAnchor == null) {
            scanHoldsSuiteAnchor = scannedRoots.stream().anyMatch(root -> !ReflectionSupport
                    .findAllClassesInClasspathRoot(root, type -> isAnchor(type) && isJUnitSuite(type), name -> true)
                    .isEmpty());
        }
        return scanHoldsSuiteAnchor;
    }

    @SuppressWarnings("unchecked")
    private static boolean isJUnitSuite(Class<?> type) {
        return ReflectionSupport.tryToLoadClass(SUITE_ANNOTATION).toOptional()
                .filter(Class::isAnnotation)
                .map(a -> AnnotationSupport.isAnnotated(type, (Class<? extends Annotation>) a))
                .orElse(false);
    }
}
