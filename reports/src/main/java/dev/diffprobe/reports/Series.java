package dev.diffprobe.reports;

import dev.diffprobe.harness.classify.Classification;
import dev.diffprobe.harness.classify.ClassifierSettings;
import dev.diffprobe.harness.run.TaskOutcome;
import dev.diffprobe.reports.summary.TaskResult;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

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

    /**
     * The candidate's result, then its baseline's when there is one, in the row of each outcome's
     * examples (see {@link #rows}).
     */
    static List<TaskResult> results(List<TaskOutcome> outcomes) {
        Map<TaskOutcome, String> rows = rows(outcomes);
        List<TaskResult> results = new ArrayList<>();
        for (TaskOutcome o : outcomes) {
            results.add(result(o, rows.get(o), false));
            o.baseline().ifPresent(b -> results.add(result(b, rows.get(o), true)));
        }
        return results;
    }

    /**
     * The table row of each outcome. Tasks that ran the very same examples (the same ids, in the
     * same order) on different checkpoints, e.g. {@code FashionMNIST} and
     * {@code FashionMNIST-contrastive}, share one row, named after the first of them, so that the
     * models stand side by side as in the paper's Table 1.
     */
    static Map<TaskOutcome, String> rows(List<TaskOutcome> outcomes) {
        Map<List<String>, String> byExamples = new HashMap<>();
        Map<TaskOutcome, String> rows = new IdentityHashMap<>();
        for (TaskOutcome o : outcomes) {
            List<String> ids = o.classifications().stream().map(Classification::exampleId).toList();
            rows.put(o, byExamples.computeIfAbsent(ids, k -> o.taskName()));
        }
        return rows;
    }

    private static TaskResult result(TaskOutcome o, String row, boolean baseline) {
        return new TaskResult(o.suite(), row, of(o, baseline), o.checkpointName(), o.kind(), o.n(),
                o.correct(), o.task().chance(), o.callsPerExample());
    }
}
