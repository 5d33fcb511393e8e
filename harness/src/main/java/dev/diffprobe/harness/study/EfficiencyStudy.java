package dev.diffprobe.harness.study;

import dev.diffprobe.harness.classify.BatchStats;
import dev.diffprobe.harness.classify.Classification;
import dev.diffprobe.harness.classify.ClassifierSettings;
import dev.diffprobe.harness.classify.DiffusionClassifier;
import dev.diffprobe.harness.classify.Mode;
import dev.diffprobe.harness.config.Settings;
import dev.diffprobe.harness.config.SettingsException;
import dev.diffprobe.models.Checkpoint;
import dev.diffprobe.models.CheckpointException;
import dev.diffprobe.models.DiffusionModel;
import dev.diffprobe.models.ModelSettings;
import dev.diffprobe.models.TextEmbedding;
import dev.diffprobe.tasks.Candidate;
import dev.diffprobe.tasks.Example;
import dev.diffprobe.tasks.Task;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The paper's Figure 2 on our checkpoint: accuracy against mean denoiser calls per example for
 * the naive, shared and pruned modes on an 8-way colour task, with the classifier's realized
 * denoiser rate against the raw predictX0 rate measured in the same process.
 *
 * <p>Naive and shared points for k scores per class are read off the first k rounds of one run
 * of the largest k. That is exact, not an approximation: a candidate's first k scores depend only
 * on (run seed, example id) and the round index, and no pruning happens in these modes; the
 * study re-runs one such point separately and reports whether every prediction agrees.
 *
 * <p>Outputs under {@code --out}: points.csv, raw_rate.csv, figure2.png and summary.md (also
 * printed). See harness/README.md for the command and the recorded figures.
 */
public final class EfficiencyStudy {
    private static final int[] RAW_BATCHES = {1, 8, 16, 32, 64, 128, 256};

    private final StudyOptions options;
    private final DiffusionModel model;
    private final Task task;
    private final List<StudyPoint> points = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<TextEmbedding> prompts = new ArrayList<>();
    /** Raw rates at the study's batch size measured after each run, in order. */
    private final List<Double> rawSeries = new ArrayList<>();
    private int batch;
    private double lastRaw;
    /** The model the classifiers run on, with raw batches interleaved at the study's batch size. */
    private InterleavedRawRate interleaved;

    private EfficiencyStudy(StudyOptions options, DiffusionModel model) {
        this.options = options;
        this.model = model;
        this.task = ColourTask.build(options.examples(), options.sceneSeed(), model.resolution());
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        StudyOptions options;
        try {
            options = StudyOptions.parse(args);
        } catch (StudyOptions.UsageException e) {
            System.err.println("efficiency study: " + e.getMessage());
            System.exit(2);
            return;
        }
        ModelSettings models;
        try {
            models = Settings.fromSystemProperties().models();
        } catch (SettingsException e) {
            System.err.println("efficiency study: " + e.getMessage());
            System.exit(2);
            return;
        }
        try (DiffusionModel model = Checkpoint.openDiffusion(options.checkpoint(), models)) {
            new EfficiencyStudy(options, model).run();
        } catch (CheckpointException | IOException | UncheckedIOException | IllegalArgumentException
                 | IllegalStateException e) {
            System.err.println("efficiency study: " + e.getMessage());
            System.exit(1);
        }
    }

    private void run() throws IOException {
        Files.createDirectories(options.out());
        long started = System.nanoTime();
        for (Candidate c : task.examples().get(0).candidates()) {
            prompts.add(model.encodeText(c.prompts().get(0)));
        }
        progress("raw predictX0 rate, " + options.rateSeconds() + " s per batch size");
        List<RawRate.Point> raw = RawRate.measure(model, prompts, RAW_BATCHES, options.rateSeconds(), true);
        RawRate.Point best = raw.stream().max(Comparator.comparingDouble(RawRate.Point::imagesPerSecond))
                .orElseThrow();
        batch = Math.min(model.maxBatch(), best.batch());
        lastRaw = best.imagesPerSecond();
        interleaved = new InterleavedRawRate(model, RawRate.Batch.of(model, prompts, batch, new SplittableRandom(2)),
                options.rateEvery());
        for (Mode mode : List.of(Mode.NAIVE, Mode.SHARED)) {
            prefixRun(mode);
            save();
        }
        verifyPrefix();
        for (StudyOptions.PrunedSetting p : options.pruned()) {
            prunedRun(p);
            save();
        }
        StudyReport report = new StudyReport(model, task, options, raw, batch, rawSeries, points, notes,
                (System.nanoTime() - started) / 1e9);
        report.write();
    }

    /** One run of the largest score count; every smaller count is a prefix of it. */
    private void prefixRun(Mode mode) {
        int rounds = options.scores()[options.scores().length - 1];
        int k = task.examples().get(0).candidates().size();
        Map<String, double[][]> scores = new HashMap<>();
        ClassifierSettings settings = ClassifierSettings.builder().setSeed(options.seed()).optMode(mode)
                .optMaxScores(rounds).optBatchSize(batch).build();
        DiffusionClassifier classifier = new DiffusionClassifier(interleaved, settings, (id, round, candidate, t, error, w) ->
                scores.computeIfAbsent(id, x -> new double[k][rounds])[candidate][round] = w * error);
        progress(mode.word() + ": " + rounds + " scores per class on " + task.examples().size() + " examples");
        Timed run = timed(classifier, task.examples());
        for (int s : options.scores()) {
            int correct = 0;
            for (Example e : task.examples()) {
                correct += prefixPrediction(scores.get(e.id()), s) == e.label() ? 1 : 0;
            }
            boolean full = s == rounds;
            points.add(full ? run.point(mode.word(), "scores/class=" + s, correct, (double) k * s)
                    : StudyPoint.prefix(mode.word(), "scores/class=" + s, task.examples().size(), correct, (double) k * s));
        }
    }

    private static int prefixPrediction(double[][] scores, int s) {
        int best = 0;
        double bestMean = Double.POSITIVE_INFINITY;
        for (int c = 0; c < scores.length; c++) {
            double sum = 0;
            for (int r = 0; r < s; r++) {
                sum += scores[c][r];
            }
            if (sum / s < bestMean) {
                bestMean = sum / s;
                best = c;
            }
        }
        return best;
    }

    /** Runs the second shared point on its own (a cheap one) and compares it with the prefix reading. */
    private void verifyPrefix() {
        if (options.scores().length < 2) {
            return;
        }
        int s = options.scores()[options.scores().length == 2 ? 0 : 1];
        ClassifierSettings settings = ClassifierSettings.builder().setSeed(options.seed()).optMode(Mode.SHARED)
                .optMaxScores(s).optBatchSize(batch).build();
        progress("shared: separate run of " + s + " scores per class to check the prefix reading");
        Timed run = timed(new DiffusionClassifier(interleaved, settings), task.examples());
        int correct = (int) run.results.stream().filter(Classification::correct).count();
        StudyPoint prefix = points.stream().filter(p -> p.mode().equals("shared")
                && p.setting().equals("scores/class=" + s)).findFirst().orElseThrow();
        notes.add("Prefix check: a separate shared run of " + s + " scores per class got " + correct + "/"
                + task.examples().size() + " correct; the prefix of the long run gave " + prefix.correct() + "/"
                + prefix.examples() + (correct == prefix.correct() ? " (agree)." : " (DISAGREE)."));
    }

    private void prunedRun(StudyOptions.PrunedSetting p) {
        ClassifierSettings settings = ClassifierSettings.builder().setSeed(options.seed()).optMode(Mode.PRUNED)
                .optMinScores(p.minScores()).optCutoffPval(p.cutoffPval()).optMaxScores(p.maxScores())
                .optBatchSize(batch).build();
        progress("pruned: " + p.label());
        Timed run = timed(new DiffusionClassifier(interleaved, settings), task.examples());
        int correct = (int) run.results.stream().filter(Classification::correct).count();
        double calls = run.results.stream().mapToLong(Classification::denoiserCalls).average().orElse(0);
        points.add(run.point("pruned", p.label(), correct, calls));
    }

    /**
     * Classifies, with raw batches interleaved, and then measures the raw rate again at the
     * study's batch size. Each run is held to the raw batches interleaved with its own calls, and
     * for comparison to the mean of the raw rates measured just before and just after it, which
     * is all a study without interleaving could see.
     */
    private Timed timed(DiffusionClassifier classifier, List<Example> examples) {
        List<Classification> results = new ArrayList<>();
        InterleavedRawRate.Totals rawBefore = interleaved.totals();
        long cpuStart = InterleavedRawRate.cpuNanos();
        long start = System.nanoTime();
        classifier.classify(examples, c -> {
            results.add(c);
            if (results.size() % Math.max(1, examples.size() / 4) == 0) {
                progress(String.format(Locale.ROOT, "  %d/%d examples, %.0f s", results.size(), examples.size(),
                        (System.nanoTime() - start) / 1e9));
            }
        });
        long wallNanos = System.nanoTime() - start;
        long cpuNanos = InterleavedRawRate.cpuNanos() - cpuStart;
        InterleavedRawRate.Totals raw = interleaved.totals().minus(rawBefore);
        List<String> errors = results.stream().flatMap(c -> c.error().stream()).toList();
        if (!errors.isEmpty()) {
            throw new IllegalStateException(errors.size() + " examples failed, first: " + errors.get(0));
        }
        double before = lastRaw;
        lastRaw = RawRate.measure(model, prompts, new int[] {batch}, options.rateSeconds(), false).get(0)
                .imagesPerSecond();
        rawSeries.add(lastRaw);
        return new Timed(results, (wallNanos - raw.rawNanos()) / 1e9, (cpuNanos - raw.rawCpuNanos()) / 1e9,
                classifier.stats(), raw, (before + lastRaw) / 2);
    }

    private void save() throws IOException {
        StudyReport.writePoints(points, options.out().resolve("points.csv"));
        StudyPoint last = points.get(points.size() - 1);
        progress(String.format(Locale.ROOT, "  %s %s: accuracy %.3f (%d/%d), %.1f calls/example, %.0f useful images/s"
                        + " in %.0f s; raw %.0f interleaved (%.1f%%), %.0f around it; %.1f%% on CPU; discarded %.1f%%",
                last.mode(), last.setting(), last.accuracy(), last.correct(), last.examples(), last.meanCalls(),
                last.imagesPerSecond(), last.wallSeconds(), last.interleavedRawRate(), 100 * last.interleavedShare(),
                last.adjacentRawRate(), 100 * last.onCpuShare(), 100 * last.discardedShare()));
    }

    private static void progress(String line) {
        System.err.println("[efficiency study] " + line);
    }

    private static final class Timed {
        private final List<Classification> results;
        private final double seconds;
        private final double cpuSeconds;
        private final BatchStats stats;
        private final InterleavedRawRate.Totals raw;
        private final double adjacentRaw;

        /** {@code seconds} and {@code cpuSeconds} leave out the interleaved raw batches. */
        Timed(List<Classification> results, double seconds, double cpuSeconds, BatchStats stats,
              InterleavedRawRate.Totals raw, double adjacentRaw) {
            this.results = results;
            this.seconds = seconds;
            this.cpuSeconds = cpuSeconds;
            this.stats = stats;
            this.raw = raw;
            this.adjacentRaw = adjacentRaw;
        }

        StudyPoint point(String mode, String setting, int correct, double meanCalls) {
            double useful = stats.usefulImages();
            return new StudyPoint(mode, setting, results.size(), correct, meanCalls, seconds, useful / seconds,
                    stats.modelNanos() / 1e9 - raw.rawNanos() / 1e9, stats.meanBatch(), adjacentRaw,
                    raw.imagesPerSecond(), (stats.images() - useful) / Math.max(1, stats.images()),
                    cpuSeconds / seconds, useful / cpuSeconds / raw.imagesPerCpuSecond());
        }
    }
}
