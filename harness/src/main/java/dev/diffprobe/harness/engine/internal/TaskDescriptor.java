package dev.diffprobe.harness.engine.internal;

import dev.diffprobe.harness.config.DiffProbeSettings;
import dev.diffprobe.harness.config.Settings;
import dev.diffprobe.harness.run.Reporters;
import dev.diffprobe.harness.run.RunException;
import dev.diffprobe.harness.run.TaskOutcome;
import dev.diffprobe.harness.run.TaskRunner;
import dev.diffprobe.harness.shard.Shard;
import dev.diffprobe.harness.shard.ShardMerge;
import dev.diffprobe.tasks.Task;
import dev.diffprobe.tasks.data.MissingDataException;
import dev.diffprobe.tasks.data.download.DownloadException;
import dev.diffprobe.tasks.data.download.Downloader;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A task: a container whose execution classifies the task's examples once (resuming from its
 * journal) and hands the outcome to its verdict tests. A dataset task whose files are absent is
 * skipped with the path it expected; a task whose candidates the checkpoint cannot tell apart
 * (class names its tokenizer does not know) is skipped with the names, before any model call.
 */
public final class TaskDescriptor extends AbstractTestDescriptor implements Node<ProbeContext> {
    private final SuiteDescriptor suite;
    private final TaskSpec spec;
    private final Optional<Path> checkpoint;

    TaskDescriptor(UniqueId id, SuiteDescriptor suite, TaskSpec spec, Optional<Path> checkpoint) {
        super(id, spec.name(), suite.file().source(spec.line()));
        this.suite = suite;
        this.spec = spec;
        this.checkpoint = checkpoint;
    }

    public TaskSpec spec() {
        return spec;
    }

    SuiteDescriptor suite() {
        return suite;
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }

    @Override
    public Set<TestTag> getTags() {
        return Tags.of(suite.spec().name(), Stream.concat(suite.spec().tags().stream(), spec.tags().stream()).toList());
    }

    /**
     * Builds the task here, before anything runs, because only reading the dataset tells whether
     * its files are there, and only the checkpoint's tokenizer whether it can express the task's
     * candidates; either failing skips the task with the reason.
     */
    @Override
    public ProbeContext prepare(ProbeContext context) {
        try {
            Settings settings = context.settings();
            Task task = TaskFactory.build(spec, suite.seed(settings), settings.examples().orElse(spec.examples()),
                    settings.data(), settings.download() ? Optional.of(new Downloader()) : Optional.empty());
            Optional<String> inexpressible = context.runner().flatMap(runner -> runner.cannotExpress(task,
                    checkpoint.orElse(runner.settings().checkpoint()), SuiteClassifier.resolved(spec.classifier())));
            return inexpressible.map(reason -> context.withSkip(reason + "; run it with -D" + DiffProbeSettings.MODEL
                    + "=<a checkpoint whose tokenizer knows them>")).orElseGet(() -> context.withTask(task));
        } catch (MissingDataException e) {
            return context.withSkip(e.getMessage());
        } catch (DownloadException e) {
            throw new RunException("task " + spec.name() + ": -D" + DiffProbeSettings.DOWNLOAD + "=true could not"
                    + " fetch its data: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new RunException("task " + spec.name() + " (" + suite.file().location() + ":" + spec.line()
                    + "): cannot read its data: " + e.getMessage(), e);
        }
    }

    @Override
    public SkipResult shouldBeSkipped(ProbeContext context) {
        return context.skipReason().map(SkipResult::skip).orElseGet(SkipResult::doNotSkip);
    }

    @Override
    public ProbeContext execute(ProbeContext context, DynamicTestExecutor dynamicTestExecutor) {
        Task task = context.task().orElseThrow(() -> new IllegalStateException("task " + spec.name() + " not built"));
        TaskRunner runner = context.runner().orElseThrow(() -> new IllegalStateException(
                "task " + spec.name() + " executed outside its suite"));
        String suiteName = suite.spec().name();
        Optional<Shard> shard = context.settings().shards().shard();
        if (shard.isPresent()) {
            TaskOutcome outcome = run(runner, suiteName, ShardSteps.slice(shard.get(), task, runner.settings()));
            List<Path> journals = new ArrayList<>(List.of(outcome.journal()));
            outcome.baseline().ifPresent(b -> journals.add(b.journal()));
            return context.withOutcome(outcome, journals);
        }
        if (context.merge().isPresent()) {
            ShardMerge.Merged merged = context.merge().get().merge(task, ShardSteps.targets(runner, suiteName, task,
                    checkpoint.orElse(runner.settings().checkpoint())));
            merged.missing().forEach(m -> context.listener().reportingEntryPublished(this,
                    ReportEntry.from("partial merge", m)));
            merged.missing().forEach(m -> System.err.println("diffprobe: partial merge of " + suiteName + ": " + m));
            task = merged.task();
        }
        TaskOutcome outcome = run(runner, suiteName, task);
        context.suiteOutcomes().ifPresent(outcomes -> outcomes.add(outcome));
        List<Path> files = new ArrayList<>();
        files.add(outcome.journal());
        outcome.baseline().ifPresent(b -> files.add(b.journal()));
        files.add(SuiteReport.writeTaskSummary(suite.spec(), spec, outcome, context.settings()));
        Reporters.ReportFiles reported = context.reporters().taskFinished(outcome);
        files.addAll(reported.files());
        reported.failures().forEach(failure -> context.listener().reportingEntryPublished(this,
                ReportEntry.from("reporter failure", failure)));
        return context.withOutcome(outcome, files);
    }

    private TaskOutcome run(TaskRunner runner, String suiteName, Task task) {
        return runner.run(suiteName, task, checkpoint.orElse(runner.settings().checkpoint()),
                SuiteClassifier.resolved(spec.classifier()));
    }
}
