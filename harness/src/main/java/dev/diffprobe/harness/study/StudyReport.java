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
 * than naive needs for the same accuracy, and a realized rate of at least {@value #RATE_SHARE}
 * of the raw best-batch rate. Both thresholds are the issue's.
 */
final class StudyReport {
    static final double ACCURACY_MARGIN = 0.01;
    static final double CALL_FACTOR = 100;
    static final double RATE_SHARE = 0.85;

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
                     "mean_batch", "raw_rate_around_run", "source").get())) {
            for (StudyPoint p : points) {
                csv.printRecord(p.mode(), p.setting(), p.examples(), p.correct(), fmt(p.accuracy()), fmt(p.meanCalls()),
                        Double.isNaN(p.wallSeconds()) ? "" : fmt(p.wallSeconds()),
                        Double.isNaN(p.imagesPerSecond()) ? "" : fmt(p.imagesPerSecond()),
                        Double.isNaN(p.modelSeconds()) ? "" : fmt(p.modelSeconds()),
                        Double.isNaN(p.meanBatch()) ? "" : fmt(p.meanBatch()),
                        Double.isNaN(p.adjacentRawRate()) ? "" : fmt(p.adjacentRawRate()),
                        Double.isNaN(p.wallSeconds()) ? "prefix of the longest run" : "run");
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
                + " | raw images/s around the run |\n|---|---|---|---|---|---|---|---|---|\n");
        for (StudyPoint p : points) {
            boolean prefix = Double.isNaN(p.wallSeconds());
            s.append(String.format(Locale.ROOT, "| %s | %s | %.3f (%d/%d) | %.1f | %s | %s | %s | %s | %s |%n", p.mode(),
                    p.setting(), p.accuracy(), p.correct(), p.examples(), p.meanCalls(),
                    prefix ? "(prefix)" : String.format(Locale.ROOT, "%.0f", p.imagesPerSecond()),
                    prefix ? "" : String.format(Locale.ROOT, "%.1f", p.wallSeconds()),
                    prefix ? "" : String.format(Locale.ROOT, "%.1f%%", 100 * p.modelSeconds() / p.wallSeconds()),
                    prefix ? "" : String.format(Locale.ROOT, "%.1f", p.meanBatch()),
                    prefix ? "" : String.format(Locale.ROOT, "%.0f", p.adjacentRawRate())));
        }
        s.append("\nRaw predictX0 rate (images/s by batch) at the start: ");
        raw.forEach(p -> s.append(String.format(Locale.ROOT, "%d: %.0f; ", p.batch(), p.imagesPerSecond())));
        s.append(String.format(Locale.ROOT, "%nRaw rate at batch %d after each run: ", batch));
        rawSeries.forEach(r -> s.append(String.format(Locale.ROOT, "%.0f; ", r)));
        s.append("\n\n## Goals\n\n").append(callGoal(points)).append("\n\n").append(rateGoal()).append("\n");
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

    private String rateGoal() {
        double best = bestRaw();
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "Throughput: best raw predictX0 rate measured in this run %.0f images/s. Realized useful images/s"
                        + " in the classifier, best run per mode, against it (goal >= %.0f%%) and against the raw rate"
                        + " measured just before and after that run (the load of a shared machine drifts):",
                best, 100 * RATE_SHARE));
        for (String mode : List.of("naive", "shared", "pruned")) {
            points.stream().filter(p -> p.mode().equals(mode) && !Double.isNaN(p.imagesPerSecond()))
                    .max(Comparator.comparingDouble(StudyPoint::imagesPerSecond)).ifPresent(p -> s.append(
                            String.format(Locale.ROOT, " %s (%s): %.0f = %.1f%% of the best (%s), %.1f%% of the"
                                            + " adjacent %.0f (%s); %.1f%% of its wall time inside predictX0, mean batch"
                                            + " %.1f.", mode, p.setting(), p.imagesPerSecond(),
                                    100 * p.imagesPerSecond() / best,
                                    p.imagesPerSecond() / best >= RATE_SHARE ? "MET" : "NOT MET",
                                    100 * p.adjacentShare(), p.adjacentRawRate(),
                                    p.adjacentShare() >= RATE_SHARE ? "met" : "not met",
                                    100 * p.modelSeconds() / p.wallSeconds(), p.meanBatch())));
        }
        return s.toString();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
