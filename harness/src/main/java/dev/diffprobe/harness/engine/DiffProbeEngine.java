package dev.diffprobe.harness.engine;

import dev.diffprobe.harness.config.Settings;
import dev.diffprobe.harness.engine.internal.Discovery;
import dev.diffprobe.harness.engine.internal.ProbeContext;
import dev.diffprobe.harness.engine.internal.ProbeEngineDescriptor;
import dev.diffprobe.harness.run.CheckpointClassifiers;
import dev.diffprobe.harness.run.ClassifierSource;
import dev.diffprobe.harness.run.Reporters;
import dev.diffprobe.models.ModelSettings;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.hierarchical.HierarchicalTestEngine;

import java.util.Optional;
import java.util.function.Function;

/**
 * The DiffProbe test engine: suite YAML files become containers (suite, then task), whose
 * verdicts are tests. Registered through {@code META-INF/services}; see {@link dev.diffprobe.harness.config.DiffProbeSettings}
 * for its settings and {@link DiffProbeSuites} for how Surefire reaches it.
 */
public final class DiffProbeEngine extends HierarchicalTestEngine<ProbeContext> {
    /** The engine id, first segment of every unique id: {@code [engine:diffprobe]}. */
    public static final String ID = "diffprobe";

    private final Function<ModelSettings, ClassifierSource> classifiers;

    /** The engine as ServiceLoader makes it: checkpoints open through the models module, with the run's model settings. */
    public DiffProbeEngine() {
        this.classifiers = CheckpointClassifiers::new;
    }

    /** An engine whose checkpoints open through {@code classifiers}, e.g. a fake in tests. */
    public DiffProbeEngine(ClassifierSource classifiers) {
        this.classifiers = models -> classifiers;
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
        Settings settings = root.settings();
        return ProbeContext.root(settings, classifiers.apply(settings.models()), Reporters.load(settings.reports()),
                request.getEngineExecutionListener());
    }
}
