package dev.diffprobe.harness.engine.internal;

import dev.diffprobe.harness.run.RecordedBaseline;
import dev.diffprobe.harness.run.RunSettings;
import dev.diffprobe.harness.run.TaskRunner;
import dev.diffprobe.harness.shard.JournalOnlyCheckpoints;
import dev.diffprobe.harness.shard.Shard;
import dev.diffprobe.harness.shard.ShardManifest;
import dev.diffprobe.harness.shard.ShardMerge;
import dev.diffprobe.harness.shard.ShardPlan;
import dev.diffprobe.tasks.Task;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the engine's flow differs for a shard or a merge (see {@link dev.diffprobe.harness.shard}):
 * a shard's runner writes into the shard's folder and runs the shard's slice of each task; a
 * merge's runner classifies nothing and each task first gets its journals merged from the shards.
 */
final class ShardSteps {
    private ShardSteps() {
    }

    /** The suite's runner, and for a shard its manifest written beside the journals. */
    static TaskRunner runner(String suite, RunSettings settings, ProbeContext context) {
        ShardPlan plan = context.settings().shards();
        TaskRunner runner = new TaskRunner(settings.withOutputDir(plan.outputDir(settings.outputDir())),
                plan.merging() ? new JournalOnlyCheckpoints(context.classifiers()) : context.classifiers(),
                context.settings().workerCount());
        plan.shard().ifPresent(shard -> ShardManifest.of(shard, settings).write(runner.suiteDir(suite)));
        return runner;
    }

    /** For a merge, the suite's shards, checked; fails the suite when they cannot be merged. */
    static Optional<ShardMerge> merge(String suite, TaskRunner runner, ProbeContext context) {
        ShardPlan plan = context.settings().shards();
        if (!plan.merging()) {
            return Optional.empty();
        }
        return Optional.of(ShardMerge.open(plan.merge(), suite, context.classifiers(),
                runner.suiteDir(suite).getFileName().toString(), runner.settings(), plan.partial()));
    }

    /** A shard's slice of the task: the examples cap first, so that every shard cuts the same list. */
    static Task slice(Shard shard, Task task, RunSettings settings) {
        List<dev.diffprobe.tasks.Example> all = task.examples();
        int cap = Math.min(settings.examples().orElse(all.size()), all.size());
        return new Task(task.name(), task.description(), shard.select(all.subList(0, cap)), task.chance());
    }

    /**
     * The journals a merge writes for a task: the checkpoint's, and in regression mode the
     * baseline checkpoint's; a recorded baseline (a results folder) is read as it is, by the run.
     */
    static List<ShardMerge.Target> targets(TaskRunner runner, String suite, Task task, Path checkpoint) {
        List<ShardMerge.Target> targets = new ArrayList<>();
        targets.add(new ShardMerge.Target(runner.journalPath(suite, task, ".csv"), checkpoint));
        runner.settings().baseline().filter(baseline -> !RecordedBaseline.isRecorded(baseline)).ifPresent(
                baseline -> targets.add(new ShardMerge.Target(runner.journalPath(suite, task, ".baseline.csv"),
                        baseline)));
        return targets;
    }
}
