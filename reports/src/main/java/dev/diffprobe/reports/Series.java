package dev.diffprobe.reports;

import dev.diffprobe.harness.classify.ClassifierSettings;
import dev.diffprobe.harness.run.TaskOutcome;
import dev.diffprobe.reports.summary.TaskResult;

import java.util.ArrayList;
import java.util.List;

/**
 * How a run is named in tables and legends: its checkpoint and model kind, and "baseline: " in
 * front for the baseline of a regression run, e.g. {@code tiny-clevr-diffusion (diffusion)}.
 */
final class Series {

    private Series() {
    }

    static String of(TaskOutcome outcome, boolean baseline) {
        return (baseline ? "baseline: " : "") + outcome.checkpointName() + " (" + outcome.kind() + ")";
    }

    /** The classifier mode the run used, or "" when the checkpoint's classifier has none (contrastive). */
    static String mode(TaskOutcome outcome) {
        return outcome.classifierSettings().getOrDefault(ClassifierSettings.MODE, "");
    }

    /** The candidate's result, then its baseline's when there is one. */
    static List<TaskResult> results(TaskOutcome outcome) {
        List<TaskResult> results = new ArrayList<>();
        results.add(result(outcome, false));
        outcome.baseline().ifPresent(b -> results.add(result(b, true)));
        return results;
    }

    private static TaskResult result(TaskOutcome o, boolean baseline) {
        return new TaskResult(o.suite(), o.taskName(), of(o, baseline), o.checkpointName(), o.kind(), o.n(),
                o.correct(), o.task().chance(), o.callsPerExample());
    }
}
