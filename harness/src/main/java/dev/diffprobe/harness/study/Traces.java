package dev.diffprobe.harness.study;

import dev.diffprobe.harness.classify.Classification;
import dev.diffprobe.harness.classify.ClassifierSettings;
import dev.diffprobe.harness.classify.DiffusionClassifier;
import dev.diffprobe.harness.classify.Mode;
import dev.diffprobe.models.DiffusionModel;
import dev.diffprobe.tasks.Example;
import dev.diffprobe.tasks.Task;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every candidate's score in each of the first {@code rounds} rounds of every example, from one
 * shared-noise (or naive) run. Pruned mode draws the same (t, eps) as shared mode, and a
 * candidate's score in a round does not depend on which others are still alive, so replaying
 * Algorithm 1 or any other elimination rule on these scores gives the classifier's predictions and
 * call counts without running the model again, for every rule that stops within {@code rounds}.
 */
final class Traces {
    static final String HEADER = "example,label,candidate,round,score,t";
    /**
     * One example: its label, scores[candidate][round] and the t of each score, t[candidate][round]
     * (NaN in files written before t was recorded).
     */
    record Trace(String id, int label, double[][] scores, double[][] t) {
    }

    private final String sampling;
    private final Map<String, Trace> byId;
    private final BatchRun run;

    private Traces(String sampling, Map<String, Trace> byId, BatchRun run) {
        this.sampling = sampling;
        this.byId = byId;
        this.run = run;
    }

    /** Throughput of the recording run; null for traces read from a file. */
    record BatchRun(double seconds, long images, long usefulImages, double modelSeconds, double meanBatch) {
    }

    /**
     * Classifies {@code task} in {@code settings}' mode (shared or naive) for exactly
     * {@code settings.maxScores()} rounds and keeps every score.
     */
    static Traces record(DiffusionModel model, Task task, ClassifierSettings settings, String sampling) {
        if (settings.mode() == Mode.PRUNED) {
            throw new IllegalArgumentException("traces need every candidate in every round: shared or naive mode");
        }
        int rounds = settings.maxScores();
        Map<String, double[][]> scores = new LinkedHashMap<>();
        Map<String, double[][]> times = new LinkedHashMap<>();
        Map<String, Integer> k = new LinkedHashMap<>();
        for (Example e : task.examples()) {
            k.put(e.id(), e.candidates().size());
            if (e.candidates().stream().anyMatch(c -> c.prompts().size() != 1)) {
                throw new IllegalArgumentException("example " + e.id() + ": replays count one call per candidate and"
                        + " round, so every candidate needs exactly one prompt");
            }
        }
        DiffusionClassifier classifier = new DiffusionClassifier(model, settings, (id, round, candidate, t, error, w) -> {
            scores.computeIfAbsent(id, x -> new double[k.get(id)][rounds])[candidate][round] = w * error;
            times.computeIfAbsent(id, x -> new double[k.get(id)][rounds])[candidate][round] = t;
        });
        List<Classification> results = new ArrayList<>();
        long start = System.nanoTime();
        int step = Math.max(1, task.examples().size() / 10);
        classifier.classify(task.examples(), c -> {
            results.add(c);
            if (results.size() % step == 0) {
                System.err.printf(Locale.ROOT, "[estimator study]   %d/%d examples, %.0f s%n", results.size(),
                        task.examples().size(), (System.nanoTime() - start) / 1e9);
            }
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        List<String> errors = results.stream().flatMap(c -> c.error().stream()).toList();
        if (!errors.isEmpty()) {
            throw new IllegalStateException(errors.size() + " examples failed, first: " + errors.get(0));
        }
        Map<String, Trace> byId = new LinkedHashMap<>();
        for (Example e : task.examples()) {
            byId.put(e.id(), new Trace(e.id(), e.label(), scores.get(e.id()), times.get(e.id())));
        }
        var stats = classifier.stats();
        return new Traces(sampling, byId, new BatchRun(seconds, stats.images(), stats.usefulImages(),
                stats.modelNanos() / 1e9, stats.meanBatch()));
    }

    /**
     * Reads what {@link #write} wrote.
     *
     * @throws IllegalArgumentException naming the file and line of a malformed or incomplete trace
     */
    static Traces read(Path csv, String sampling) throws IOException {
        Map<String, Integer> labels = new LinkedHashMap<>();
        Map<String, Map<Long, Double>> cells = new LinkedHashMap<>();
        Map<String, Map<Long, Double>> timeCells = new LinkedHashMap<>();
        Map<String, int[]> shape = new LinkedHashMap<>();
        if (!Files.isRegularFile(csv)) {
            throw new IllegalArgumentException("no trace file " + csv + " (record it first: run the study without --from)");
        }
        List<String> lines = Files.readAllLines(csv);
        boolean withT = !lines.isEmpty() && lines.get(0).equals(HEADER);
        if (lines.isEmpty() || !withT && !lines.get(0).equals("example,label,candidate,round,score")) {
            throw new IllegalArgumentException(csv + ": not a trace file (header " + HEADER + ")");
        }
        int fields = withT ? 6 : 5;
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            try {
                if (f.length != fields) {
                    throw new NumberFormatException("expected " + fields + " fields, got " + f.length);
                }
                int c = Integer.parseInt(f[2]);
                int r = Integer.parseInt(f[3]);
                labels.put(f[0], Integer.parseInt(f[1]));
                cells.computeIfAbsent(f[0], x -> new LinkedHashMap<>()).put(((long) c << 32) | r, Double.parseDouble(f[4]));
                timeCells.computeIfAbsent(f[0], x -> new LinkedHashMap<>()).put(((long) c << 32) | r,
                        withT ? Double.parseDouble(f[5]) : Double.NaN);
                int[] kr = shape.computeIfAbsent(f[0], x -> new int[2]);
                kr[0] = Math.max(kr[0], c + 1);
                kr[1] = Math.max(kr[1], r + 1);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(csv + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        Map<String, Trace> byId = new LinkedHashMap<>();
        for (var e : cells.entrySet()) {
            int[] kr = shape.get(e.getKey());
            double[][] scores = new double[kr[0]][kr[1]];
            double[][] t = new double[kr[0]][kr[1]];
            for (int c = 0; c < kr[0]; c++) {
                for (int r = 0; r < kr[1]; r++) {
                    Double v = e.getValue().get(((long) c << 32) | r);
                    if (v == null) {
                        throw new IllegalArgumentException(csv + ": example " + e.getKey() + " lacks candidate " + c
                                + " round " + r);
                    }
                    scores[c][r] = v;
                    t[c][r] = timeCells.get(e.getKey()).get(((long) c << 32) | r);
                }
            }
            byId.put(e.getKey(), new Trace(e.getKey(), labels.get(e.getKey()), scores, t));
        }
        return new Traces(sampling, byId, null);
    }

    String sampling() {
        return sampling;
    }

    List<Trace> traces() {
        return List.copyOf(byId.values());
    }

    BatchRun run() {
        return run;
    }

    /** One row per score, with the t it was drawn at, so any rule can be replayed and any window fitted later. */
    void write(Path csv) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(csv)) {
            w.write(HEADER + "\n");
            for (Trace t : byId.values()) {
                for (int c = 0; c < t.scores().length; c++) {
                    for (int r = 0; r < t.scores()[c].length; r++) {
                        w.write(String.format(Locale.ROOT, "%s,%d,%d,%d,%.17g,%.9g%n", t.id(), t.label(), c, r,
                                t.scores()[c][r], t.t()[c][r]));
                    }
                }
            }
        }
    }
}
