package dev.diffprobe.harness.engine.internal;

import dev.diffprobe.harness.config.Settings;
import dev.diffprobe.harness.run.ClassifierSource;
import dev.diffprobe.harness.run.Reporters;
import dev.diffprobe.harness.run.TaskOutcome;
import dev.diffprobe.harness.run.TaskRunner;
import dev.diffprobe.harness.shard.ShardMerge;
import dev.diffprobe.tasks.Task;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.support.hierarchical.EngineExecutionContext;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a node of the tree hands its children while executing: the settings, checkpoint opener,
 * reporters and listener for all; from a suite, its runner and the list its tasks' outcomes go
 * to; from a task, the task built (or why it is skipped: its data is missing, or the checkpoint
 * cannot express its candidates), then its outcome and the report files written for it, for the
 * verdicts to judge and attach; in a merge of shards, the suite's checked shards.
 */
public record ProbeContext(Settings settings, ClassifierSource classifiers, Reporters reporters,
                           EngineExecutionListener listener, Optional<TaskRunner> runner,
                           Optional<List<TaskOutcome>> suiteOutcomes, Optional<Task> task,
                           Optional<String> skipReason, Optional<TaskOutcome> outcome,
                           List<Path> attachments, Optional<ShardMerge> merge) implements EngineExecutionContext {

    public static ProbeContext root(Settings settings, ClassifierSource classifiers, Reporters reporters,
                                    EngineExecutionListener listener) {
        return new ProbeContext(settings, classifiers, reporters, listener, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), List.of(), Optional.empty());
    }

    ProbeContext forSuite(TaskRunner suiteRunner, List<TaskOutcome> outcomes, Optional<ShardMerge> shardMerge) {
        return new ProbeContext(settings, classifiers, reporters, listener, Optional.of(suiteRunner),
                Optional.of(outcomes), Optional.empty(), Optional.empty(), Optional.empty(), List.of(), shardMerge);
    }

    ProbeContext withTask(Task built) {
        return new ProbeContext(settings, classifiers, reporters, listener, runner, suiteOutcomes,
                Optional.of(built), Optional.empty(), Optional.empty(), List.of(), merge);
    }

    ProbeContext withSkip(String reason) {
        return new ProbeContext(settings, classifiers, reporters, listener, runner, suiteOutcomes,
                Optional.empty(), Optional.of(reason), Optional.empty(), List.of(), merge);
    }

    ProbeContext withOutcome(TaskOutcome taskOutcome, List<Path> files) {
        return new ProbeContext(settings, classifiers, reporters, listener, runner, suiteOutcomes, task,
                skipReason, Optional.of(taskOutcome), List.copyOf(files), merge);
    }
}
