package dev.diffprobe.reports;

import dev.diffprobe.harness.classify.Classification;
import dev.diffprobe.tasks.Candidate;
import dev.diffprobe.tasks.Example;
import dev.diffprobe.tasks.Task;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts of true class against predicted class for one task. When every example offers the same
 * candidates (a dataset's classes) the classes are their names. When candidates differ per
 * example (a binding task's two prompts, in a seeded random order) the only shared classes are
 * the positions, "candidate 1" and "candidate 2": the matrix then shows position bias.
 * Failed examples have no prediction and are counted apart.
 */
public record ConfusionMatrix(List<String> classes, long[][] counts, boolean byPosition, int failed) {

    public static ConfusionMatrix of(Task task, List<Classification> results) {
        Map<String, Example> byId = new HashMap<>();
        task.examples().forEach(e -> byId.put(e.id(), e));
        List<String> names = null;
        boolean shared = true;
        int width = 0;
        for (Classification c : results) {
            Example example = byId.get(c.exampleId());
            List<String> candidates = example == null ? List.of()
                    : example.candidates().stream().map(Candidate::name).toList();
            width = Math.max(width, Math.max(candidates.size(), c.meanScores().length));
            if (names == null) {
                names = candidates;
            } else if (!names.equals(candidates)) {
                shared = false;
            }
        }
        List<String> classes = new ArrayList<>();
        if (shared && names != null && !names.isEmpty()) {
            classes.addAll(names);
        } else {
            for (int k = 0; k < width; k++) {
                classes.add("candidate " + (k + 1));
            }
        }
        long[][] counts = new long[classes.size()][classes.size()];
        int failed = 0;
        for (Classification c : results) {
            if (c.predicted() < 0 || c.predicted() >= classes.size() || c.label() >= classes.size()) {
                failed++;
            } else {
                counts[c.label()][c.predicted()]++;
            }
        }
        return new ConfusionMatrix(List.copyOf(classes), counts, !shared, failed);
    }
}
