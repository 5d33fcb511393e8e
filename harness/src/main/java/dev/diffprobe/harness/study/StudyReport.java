package dev.diffprobe.harness.study;

import dev.diffprobe.models.DiffusionModel;
import dev.diffprobe.tasks.Task;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Writes the study's files and judges its two goals from the measured points: pruned within
 * {@value #ACCURACY_MARGIN} of the best accuracy with at least {@value #CALL_FACTOR}x fewer calls
 * than naive needs for the same accuracy, a realized rate of at least {@value #RATE_SHARE} of the
 * raw best-batch rate measured in the same process, and at most {@value #DISCARD_SHARE} of the
 * denoiser calls spent on discarded look-ahead. The thresholds are the issue's.
 */
final class StudyReport {
    static final double ACCURACY_MARGIN = 0.01;
    static final double CALL_FACTOR = 100;
    static final double RATE_SHARE = 0.85;
    static final double DISCARD_SHARE = 0.10;

    private final DiffusionModel model;
    private final Task task;
    private final StudyOptions options;
    private final List<RawRate.Point> raw;
    private final int batch;
    private final List<Double> rawSeries;
    private final List<StudyPoint> points;
    private final List<String> notes;
    private final double seconds;

    StudyReport(DiffusionModel model, Task task, StudyOptions options, List<RawRate.Point> raw, int batch,
                List<Double> rawSeries, List<StudyPoint> points, List<String> notes, double seconds) {
        this.model = model;
        this.task = task;
        this.options = options;
        this.raw = raw;
        this.batch = batch;
        this.rawSeries = rawSeries;
        this.points = points;
        this.notes = notes;
        this.seconds = seconds;
    }

    /** The best raw rate measured anywhere in the run: the sweep at the start or any re-measurement. */
    private double bestRaw() {
        double best = raw.stream().mapToDouble(RawRate.Point::imagesPerSecond).max().orElse(Double.NaN);
        return Math.max(best, rawSeries.stream().mapToDouble(Double::doubleValue).max().orElse(0));
    }

    /**
     * Rewrites points.csv with the points so far; the study calls it after every run, so a run
     * stopped early keeps what it measured.
     */
    static void writePoints(List<StudyPoint> points, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file);
             CSVPrinter csv = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader("mode", "setting", "examples",
                     "correct", "accuracy", "mean_calls", "wall_s", "useful_images_per_s", "in_predictx0_s",
                     "mean_batch", "raw_rate_around_run", "raw_rate_interleaved", "discarded_share", "on_cpu_share",
                     "cpu_rate_share", "source").get())) {
            for (StudyPoint p : points) {
                csv.printRecord(p.mode(), p.setting(), p.examples(), p.correct(), fmt(p.accuracy()), fmt(p.meanCalls()),
                        opt(p.wallSeconds()), opt(p.imagesPerSecond()), opt(p.modelSeconds()), opt(p.meanBatch()),
                        opt(p.adjacentRawRate()), opt(p.interleavedRawRate()), opt(p.discardedShare()),
                        opt(p.onCpuShare()), opt(p.cpuRateShare()), p.timed() ? "run" : "prefix of the longest run");
            }
        }
    }

    void write() throws IOException {
        writePoints(points, options.out().resolve("points.csv"));
        try (Writer w = Files.newBufferedWriter(options.out().resolve("raw_rate.csv"));
             CSVPrinter csv = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader("batch", "images_per_s").get())) {
            for (RawRate.Point p : raw) {
                csv.printRecord(p.batch(), fmt(p.imagesPerSecond()));
            }
        }
        StudyPlot.write(points, task.chance(), "Accuracy vs denoiser calls: " + task.name() + " on " + model.name()
                + " (n=" + task.examples().size() + ")", options.out().resolve("figure2.png"));
        String summary = summary();
        Files.writeString(options.out().resolve("summary.md"), summary);
        System.out.println(summary);
    }

    private String summary() {
        StringBuilder s = new StringBuilder();
        s.append("# Efficiency study\n\n");
        s.append(String.format(Locale.ROOT, "Checkpoint %s (%s), task %s: %d examples (scene seed %d, run seed %d),"
                        + " chance %.3f, batch %d, %.0f s in all.%n%n", model.name(), model.fingerprint().substring(0,
                        Math.min(12, model.fingerprint().length())), task.name(), task.examples().size(),
                options.sceneSeed(), options.seed(), task.chance(), batch, seconds));
        s.append("| mode | setting | accuracy | mean calls/example | useful images/s | wall s | in predictX0 | mean batch"
                + " | raw images/s interleaved | realized / interleaved raw | raw images/s around the run | on CPU"
                + " | CPU-time rate / raw | discarded look-ahead |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (StudyPoint p : points) {
            s.append(String.format(Locale.ROOT, "| %s | %s | %.3f (%d/%d) | %.1f | ", p.mode(), p.setting(),
                    p.accuracy(), p.correct(), p.examples(), p.meanCalls()));
            if (!p.timed()) {
                s.append("(prefix) | | | | | | | | | |\n");
                continue;
            }
            s.append(String.format(Locale.ROOT, "%.0f | %.1f | %.1f%% | %.1f | %s | %s | %.0f | %.1f%% | %s | %.1f%% |%n",
                    p.imagesPerSecond(), p.wallSeconds(), 100 * p.modelSeconds() / p.wallSeconds(), p.meanBatch(),
                    Double.isNaN(p.interleavedRawRate()) ? "-" : String.format(Locale.ROOT, "%.0f", p.interleavedRawRate()),
                    percent(p.interleavedShare()), p.adjacentRawRate(), 100 * p.onCpuShare(), percent(p.cpuRateShare()),
                    100 * p.discardedShare()));
        }
        s.append("\nRaw predictX0 rate (images/s by batch) at the start: ");
        raw.forEach(p -> s.append(String.format(Locale.ROOT, "%d: %.0f; ", p.batch(), p.imagesPerSecond())));
        s.append(String.format(Locale.ROOT, "%nRaw rate at batch %d after each run: ", batch));
        rawSeries.forEach(r -> s.append(String.format(Locale.ROOT, "%.0f; ", r)));
        s.append("\n\n## Goals\n\n").append(callGoal(points)).append("\n\n").append(rateGoal(points, batch, options.rateEvery(), bestRaw())).append("\n");
        notes.forEach(n -> s.append("\n").append(n).append("\n"));
        return s.toString();
    }

    static String callGoal(List<StudyPoint> points) {
        double bestAccuracy = points.stream().mapToDouble(StudyPoint::accuracy).max().orElse(0);
        Optional<StudyPoint> pruned = points.stream().filter(p -> p.mode().equals("pruned"))
                .filter(p -> p.accuracy() >= bestAccuracy - ACCURACY_MARGIN - 1e-12)
                .min(Comparator.comparingDouble(StudyPoint::meanCalls));
        if (pruned.isEmpty()) {
            return String.format(Locale.ROOT, "Calls: NOT MET: no pruned setting came within %.0f point of the best"
                    + " accuracy %.3f.", 100 * ACCURACY_MARGIN, bestAccuracy);
        }
        StudyPoint p = pruned.get();
        Optional<StudyPoint> naive = points.stream().filter(q -> q.mode().equals("naive"))
                .filter(q -> q.accuracy() >= p.accuracy()).min(Comparator.comparingDouble(StudyPoint::meanCalls));
        String head = String.format(Locale.ROOT, "Calls: best accuracy %.3f; cheapest pruned setting within %.0f point:"
                + " %s, accuracy %.3f at %.1f calls/example.", bestAccuracy, 100 * ACCURACY_MARGIN, p.setting(),
                p.accuracy(), p.meanCalls());
        if (naive.isPresent()) {
            double factor = naive.get().meanCalls() / p.meanCalls();
            return head + String.format(Locale.ROOT, " Naive first reaches that accuracy at %.0f calls/example (%s):"
                    + " %.1fx more. Goal (>= %.0fx): %s.", naive.get().meanCalls(), naive.get().setting(), factor,
                    CALL_FACTOR, factor >= CALL_FACTOR ? "MET" : "NOT MET");
        }
        double most = points.stream().filter(q -> q.mode().equals("naive")).mapToDouble(StudyPoint::meanCalls)
                .max().orElse(0);
        return head + String.format(Locale.ROOT, " Naive never reaches that accuracy in the sweep (up to %.0f"
                + " calls/example), so the factor is more than %.1fx; the sweep cannot show whether it reaches"
                + " %.0fx.", most, most / p.meanCalls(), CALL_FACTOR);
    }

    /** Judges every timed run; {@code bestRaw} is the best of the 2-s raw windows, quoted for comparison. */
    static String rateGoal(List<StudyPoint> points, int batch, int rateEvery, double bestRaw) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "Throughput: realized useful images/s of each"
                + " run against the raw batch-%d rate interleaved with its own calls (one raw batch every %d calls;"
                + " goal >= %.0f%%), and discarded look-ahead images as a share of all images computed (goal <= %.0f%%):",
                batch, rateEvery, 100 * RATE_SHARE, 100 * DISCARD_SHARE));
        for (StudyPoint p : points) {
            if (!p.timed()) {
                continue;
            }
            boolean measured = !Double.isNaN(p.interleavedRawRate());
            s.append(String.format(Locale.ROOT, " %s %s (%.0f s): %s, discarded %.1f%% (%s).", p.mode(), p.setting(),
                    p.wallSeconds(), measured ? String.format(Locale.ROOT, "%.0f of %.0f = %.1f%% (%s)",
                            p.imagesPerSecond(), p.interleavedRawRate(), 100 * p.interleavedShare(),
                            p.interleavedShare() >= RATE_SHARE ? "MET" : "NOT MET")
                            : "too short for an interleaved raw batch", 100 * p.discardedShare(),
                    p.discardedShare() <= DISCARD_SHARE ? "MET" : "NOT MET"));
        }
        s.append(String.format(Locale.ROOT, " For comparison, the best raw rate measured in 2-s windows anywhere in the"
                + " study was %.0f images/s: on a shared machine its maximum over many short windows overstates the"
                + " rate a run of minutes can get.", bestRaw));
        return s.toString();
    }

    private static String percent(double share) {
        return Double.isNaN(share) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }

    private static String opt(double v) {
        return Double.isNaN(v) ? "" : fmt(v);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
