package dev.diffprobe.harness.engine.internal;

import dev.diffprobe.harness.config.Settings;
import dev.diffprobe.harness.run.RunSettings;
import dev.diffprobe.harness.run.TaskOutcome;
import dev.diffprobe.harness.run.TaskRunner;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.engine.support.hierarchical.Node;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A suite: a container whose execution opens one {@link TaskRunner} for all its tasks (so the
 * checkpoint loads once) and, after them, writes the suite's summary.
 */
public final class SuiteDescriptor extends AbstractTestDescriptor implements Node<ProbeContext> {
    private final SuiteSpec spec;
    private final SuiteFile file;
    private final Path checkpoint;
    private final Optional<Path> baseline;

    SuiteDescriptor(UniqueId id, SuiteSpec spec, SuiteFile file, Path checkpoint, Optional<Path> baseline) {
        super(id, spec.name(), file.source());
        this.spec = spec;
        this.file = file;
        this.checkpoint = checkpoint;
        this.baseline = baseline;
    }

    public SuiteSpec spec() {
        return spec;
    }

    public SuiteFile file() {
        return file;
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }

    @Override
    public Set<TestTag> getTags() {
        return Tags.of(spec.name(), spec.tags());
    }

    /** The run settings of this suite: the suite's own, overridden by the engine's settings. */
    RunSettings runSettings(Settings settings) {
        return new RunSettings(checkpoint, baseline, seed(settings), settings.examples(),
                SuiteClassifier.of(spec, settings.classifier()),
                settings.output(), settings.lockWait());
    }

    long seed(Settings settings) {
        return settings.seed().orElse(spec.seed());
    }

    /**
     * Appends the comparisons whose tasks are all selected: after the tasks, so that they run
     * last. A comparison over a task left out (one task picked by unique id) is left out too.
     */
    void addComparisons(Settings settings) {
        Set<String> tasks = getChildren().stream().filter(TaskDescriptor.class::isInstance)
                .map(t -> ((TaskDescriptor) t).spec().name()).collect(Collectors.toSet());
        // Under an anchor class a verdict's source is a method named after it (see SuiteResolver), so
        // that Surefire's class#method filters match; a comparison follows: <suite>.comparison.<name>.
        Optional<String> anchor = getChildren().stream().flatMap(t -> t.getChildren().stream())
                .flatMap(v -> v.getSource().stream()).filter(MethodSource.class::isInstance)
                .map(s -> ((MethodSource) s).getClassName()).findFirst();
        for (ComparisonSpec comparison : spec.comparisons()) {
            if (tasks.containsAll(comparison.comparison().candidate())
                    && tasks.containsAll(comparison.comparison().reference())) {
                TestSource source = anchor.<TestSource>map(a -> MethodSource.from(a, spec.name() + ".comparison."
                        + comparison.name())).orElseGet(() -> file.source(comparison.line()));
                addChild(new ComparisonDescriptor(getUniqueId().append(Segments.COMPARISON, comparison.name()), this,
                        comparison, ComparisonDescriptor.displayName(spec.name(), comparison.comparison(),
                        settings.alpha()), source));
            }
        }
    }

    @Override
    public ProbeContext before(ProbeContext context) {
        TaskRunner runner = ShardSteps.runner(spec.name(), runSettings(context.settings()), context);
        try {
            return context.forSuite(runner, new ArrayList<>(), ShardSteps.merge(spec.name(), runner, context));
        } catch (RuntimeException e) {
            runner.close();
            throw e;
        }
    }

    @Override
    public void after(ProbeContext context) {
        context.runner().ifPresent(TaskRunner::close);
        List<TaskOutcome> outcomes = context.suiteOutcomes().orElse(List.of());
        if (!outcomes.isEmpty()) {
            List<Path> files = SuiteReport.write(spec, outcomes, context);
            SuiteAllure.write(this, spec.name(), outcomes, files, context);
        }
    }

}
