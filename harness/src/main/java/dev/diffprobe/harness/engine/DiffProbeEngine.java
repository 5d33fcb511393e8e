package dev.diffprobe.harness.engine;

import dev.diffprobe.harness.engine.internal.Discovery;
import dev.diffprobe.harness.engine.internal.ProbeContext;
import dev.diffprobe.harness.engine.internal.ProbeEngineDescriptor;
import dev.diffprobe.harness.run.CheckpointClassifiers;
import dev.diffprobe.harness.run.ClassifierSource;
import dev.diffprobe.harness.run.Reporters;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.hierarchical.HierarchicalTestEngine;

import java.util.Optional;

/**
 * The DiffProbe test engine: suite YAML files become containers (suite, then task), whose
 * verdicts are tests. Registered through {@code META-INF/services}; see {@link DiffProbeSettings}
 * for its settings and {@link DiffProbeSuites} for how Surefire reaches it.
 */
public final class DiffProbeEngine extends HierarchicalTestEngine<ProbeContext> {
    /** The engine id, first segment of every unique id: {@code [engine:diffprobe]}. */
    public static final String ID = "diffprobe";

    private final ClassifierSource classifiers;

    /** The engine as ServiceLoader makes it: checkpoints open through the models module. */
    public DiffProbeEngine() {
        this(new CheckpointClassifiers());
    }

    /** An engine whose checkpoints open through {@code classifiers}, e.g. a fake in tests. */
    public DiffProbeEngine(ClassifierSource classifiers) {
        this.classifiers = classifiers;
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public Optional<String> getGroupId() {
        return Optional.of("dev.diffprobe");
    }

    @Override
    public Optional<String> getArtifactId() {
        return Optional.of("harness");
    }

    @Override
    public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
        return Discovery.discover(request, uniqueId);
    }

    @Override
    protected ProbeContext createExecutionContext(ExecutionRequest request) {
        ProbeEngineDescriptor root = (ProbeEngineDescriptor) request.getRootTestDescriptor();
        return ProbeContext.root(root.settings(), classifiers, Reporters.load(), request.getEngineExecutionListener());
    }
}
