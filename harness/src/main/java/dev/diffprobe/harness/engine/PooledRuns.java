package dev.diffprobe.harness.engine;

import dev.diffprobe.harness.run.FileNames;
import dev.diffprobe.harness.run.RecordedRun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Several runs of one suite on one checkpoint at different seeds, pooled per task: other seeds
 * draw other examples and other noise, so their correct counts add up to one larger run's. A
 * larger calibration narrows the margin a threshold needs, and a pooled estimate of a
 * checkpoint's accuracy is what error rates should be computed from.
 * <p>
 * Pooling is refused, with the reason, where it would count something twice or mix things:
 * a summary given twice, two runs at one seed (the same examples), runs of different
 * checkpoints, tasks or chance levels, and (when the suite file is known) runs classified with
 * other classifier settings than the suite file's. The checks read each task's journal beside
 * its summary, which pooling therefore requires; a single summary may come without journals.
 */
final class PooledRuns {
    /** The pooled counts per task, in the first summary's order, and for each task what they rest on. */
    record Pooled(Map<String, TaskCounts> tasks, Map<String, String> provenance) {
        /** Those of {@code wanted} that no pooled run has a row for, sorted. */
        List<String> lacking(Collection<String> wanted) {
            return wanted.stream().filter(t -> !tasks.containsKey(t)).distinct().sorted().toList();
        }
    }

    private PooledRuns() {
    }

    /**
     * @param classifier the suite file's classifier settings every run must have used, when known
     */
    static Pooled read(List<Path> summaries, Optional<Map<String, String>> classifier) throws IOException {
        if (summaries.isEmpty()) {
            throw new IllegalArgumentException("no suite summary given");
        }
        Set<Path> seen = new HashSet<>();
        List<Map<String, TaskCounts>> runs = new ArrayList<>();
        for (Path summary : summaries) {
            if (!seen.add(summary.toAbsolutePath().normalize())) {
                throw new IllegalArgumentException("summary " + summary + " is given twice: its examples would count"
                        + " twice");
            }
            runs.add(TaskCounts.read(summary));
        }
        Map<String, TaskCounts> first = runs.get(0);
        for (int r = 1; r < runs.size(); r++) {
            if (!runs.get(r).keySet().equals(first.keySet())) {
                TreeSet<String> missing = new TreeSet<>(first.keySet());
                missing.removeAll(runs.get(r).keySet());
                TreeSet<String> extra = new TreeSet<>(runs.get(r).keySet());
                extra.removeAll(first.keySet());
                throw new IllegalArgumentException(String.format("summaries %s and %s are of different task sets"
                        + " (%s lacks %s and adds %s): pool runs of one suite", summaries.get(0), summaries.get(r),
                        summaries.get(r), missing, extra));
            }
        }
        Map<String, TaskCounts> pooled = new LinkedHashMap<>();
        Map<String, String> provenance = new LinkedHashMap<>();
        for (String task : first.keySet()) {
            int correct = 0;
            int n = 0;
            List<RecordedRun> recorded = new ArrayList<>();
            for (int r = 0; r < runs.size(); r++) {
                TaskCounts counts = runs.get(r).get(task);
                if (counts.chance() != first.get(task).chance()) {
                    throw new IllegalArgumentException("task " + task + ": chance " + counts.chance() + " in "
                            + summaries.get(r) + " but " + first.get(task).chance() + " in " + summaries.get(0)
                            + ": not the same task");
                }
                correct += counts.correct();
                n += counts.n();
            }
            for (Path summary : summaries) {
                recorded(summary, task, runs.size() > 1).ifPresent(recorded::add);
            }
            check(task, recorded, classifier);
            pooled.put(task, new TaskCounts(task, correct, n, first.get(task).chance()));
            provenance.put(task, describe(recorded, summaries.get(0)));
        }
        return new Pooled(pooled, provenance);
    }

    private static Optional<RecordedRun> recorded(Path summary, String task, boolean required) {
        Path journal = summary.resolveSibling(FileNames.of(task) + ".csv");
        if (Files.isRegularFile(journal)) {
            return Optional.of(RecordedRun.read(journal));
        }
        if (required) {
            throw new IllegalArgumentException("task " + task + ": no journal " + journal + " beside " + summary
                    + "; pooling runs needs each run's journals, to check that they are of one checkpoint at"
                    + " different seeds");
        }
        return Optional.empty();
    }

    private static void check(String task, List<RecordedRun> recorded, Optional<Map<String, String>> classifier) {
        if (recorded.isEmpty()) {
            return;
        }
        RecordedRun first = recorded.get(0);
        Map<Long, RecordedRun> bySeed = new LinkedHashMap<>();
        for (RecordedRun run : recorded) {
            if (!run.fingerprint().equals(first.fingerprint())) {
                throw new IllegalArgumentException("task " + task + ": " + first.journal() + " is of checkpoint "
                        + first.fingerprint() + ", " + run.journal() + " of " + run.fingerprint()
                        + ": runs of different checkpoints cannot be pooled");
            }
            RecordedRun same = bySeed.putIfAbsent(run.seed(), run);
            if (same != null) {
                throw new IllegalArgumentException("task " + task + ": " + same.journal() + " and " + run.journal()
                        + " were both made at seed " + run.seed() + ", on the same examples and noise: pool runs at"
                        + " different seeds");
            }
            if (classifier.isPresent() && !run.madeWith(classifier.get())) {
                throw new IllegalArgumentException("task " + task + ": " + run.journal() + " was classified with"
                        + " other classifier settings than the suite file's (" + classifier.get().entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "))
                        + "); calibrate and check a suite with runs of its own protocol");
            }
        }
    }

    private static String describe(List<RecordedRun> recorded, Path summary) {
        if (recorded.isEmpty()) {
            return "another seed (no journal beside " + summary + ")";
        }
        String seeds = recorded.stream().map(r -> Long.toString(r.seed())).collect(Collectors.joining(", "));
        return (recorded.size() == 1 ? "seed " : recorded.size() + " runs pooled, seeds ") + seeds
                + ", checkpoint " + recorded.get(0).shortFingerprint();
    }
}
