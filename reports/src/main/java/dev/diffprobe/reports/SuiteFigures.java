package dev.diffprobe.reports;

import dev.diffprobe.harness.run.AtomicFiles;
import dev.diffprobe.harness.classify.Classification;
import dev.diffprobe.harness.run.TaskOutcome;
import dev.diffprobe.harness.run.Verdicts;
import dev.diffprobe.harness.stats.PairedComparison;
import dev.diffprobe.harness.stats.WilsonInterval;
import dev.diffprobe.reports.calibration.CalibrationSplit;
import dev.diffprobe.reports.plot.AccuracyVsCallsChart;
import dev.diffprobe.reports.plot.ComputePoint;
import dev.diffprobe.reports.plot.PairedDifference;
import dev.diffprobe.reports.plot.RegressionChart;
import dev.diffprobe.reports.plot.ReliabilityChart;
import dev.diffprobe.reports.plot.TaskAccuracyChart;
import dev.diffprobe.reports.plot.TaskBar;
import dev.diffprobe.reports.summary.AccuracyTable;
import dev.diffprobe.reports.summary.TaskResult;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Stream;

/**
 * The files of a finished suite, written into its output directory beside the journals: the
 * per-task bar chart, accuracy against denoiser calls per model, in regression mode the paired
 * differences per task, the calibrations of every task and of all tasks pooled with the pooled
 * reliability diagrams, and the accuracy table; and,
 * one level up, {@code summary.md} / {@code summary.csv}, which gather the accuracy tables of
 * every suite run into the same output directory.
 */
final class SuiteFigures {

    static final String TABLE = "accuracy-table";
    static final String SUMMARY = "summary";
    /** The suite summary the run layer writes before reporters run; its {@code threshold} column is read. */
    static final String RUN_SUMMARY = "summary.csv";

    private SuiteFigures() {
    }

    static List<Path> write(List<TaskOutcome> outcomes, Path outDir, CalibrationSplit split) {
        if (outcomes.isEmpty()) {
            return List.of();
        }
        String suite = outcomes.get(0).suite();
        Path dir = outcomes.get(0).journal().toAbsolutePath().getParent();
        Map<String, Double> thresholds = thresholds(dir.resolve(RUN_SUMMARY));
        List<TaskResult> results = Series.results(outcomes);
        List<Path> files = new ArrayList<>();

        List<TaskBar> bars = results.stream().map(r -> new TaskBar(r.task(), r.series(), r.accuracy(), r.interval(),
                r.chance(), thresholds.containsKey(r.task()) ? OptionalDouble.of(thresholds.get(r.task()))
                        : OptionalDouble.empty())).toList();
        files.add(TaskAccuracyChart.write(dir.resolve("tasks.png"), suite + ": accuracy per task", bars));

        List<ComputePoint> compute = computePoints(outcomes);
        if (!compute.isEmpty()) {
            files.add(AccuracyVsCallsChart.write(dir.resolve("accuracy-vs-calls.png"),
                    suite + ": accuracy vs denoiser calls (all tasks pooled)", compute));
        }
        regression(outcomes, suite, dir).ifPresent(files::add);
        files.addAll(calibration(outcomes, suite, dir, split));
        files.addAll(new AccuracyTable(results).write(dir, TABLE, "DiffProbe suite " + suite + ": accuracy"));
        files.addAll(summary(outDir));
        return files;
    }

    /**
     * The calibrations of every task and of all tasks pooled (candidate runs only): a task has a
     * few dozen held-out examples, the pooled suite a few hundred, so its reliability diagram is
     * the one to read. Pooling assumes the tasks share the classifier settings, as a suite's do.
     */
    private static List<Path> calibration(List<TaskOutcome> outcomes, String suite, Path dir, CalibrationSplit split) {
        List<String> notes = new ArrayList<>(List.of("# Calibration, suite " + suite, ""));
        notes.addAll(CalibrationAttempt.header(split));
        List<List<String>> rows = new ArrayList<>();
        List<Classification> pooled = new ArrayList<>();
        for (TaskOutcome o : outcomes) {
            pooled.addAll(o.classifications());
            for (CalibrationAttempt a : CalibrationAttempt.both(o.classifications(), Series.mode(o), split)) {
                notes.add(a.row(o.taskName()));
                rows.add(a.csv(o.taskName(), split));
            }
        }
        List<Path> files = new ArrayList<>();
        String mode = Series.mode(outcomes.get(0));
        for (CalibrationAttempt attempt : CalibrationAttempt.both(pooled, mode, split)) {
            notes.add(attempt.row("**all tasks pooled**"));
            rows.add(attempt.csv("all tasks pooled", split));
            if (attempt.calibration().isPresent()) {
                files.add(ReliabilityChart.write(dir.resolve("reliability-" + attempt.word() + ".png"),
                        suite + " (all tasks) on " + Series.of(outcomes.get(0), false), attempt.calibration().get()));
            }
        }
        Path note = dir.resolve("calibration.md");
        try {
            AtomicFiles.writeString(note, String.join("\n", notes) + "\n");
        } catch (IOException e) {
            throw new ReportException("cannot write " + note + ": " + e.getMessage(), e);
        }
        files.add(note);
        files.add(CalibrationAttempt.writeCsv(dir.resolve("calibration.csv"), rows));
        return files;
    }

    /** The paired differences of a regression run, when every task has a baseline. */
    private static Optional<Path> regression(List<TaskOutcome> outcomes, String suite, Path dir) {
        if (outcomes.stream().anyMatch(o -> o.baseline().isEmpty())) {
            return Optional.empty();
        }
        List<PairedDifference> differences = outcomes.stream().map(o -> {
            PairedComparison paired = Verdicts.pair(o, o.baseline().get());
            return new PairedDifference(o.taskName(), paired.accuracyDifference(), paired.difference(),
                    paired.lost(), paired.gained(), paired.pWorse());
        }).toList();
        TaskOutcome first = outcomes.get(0);
        return Optional.of(RegressionChart.write(dir.resolve("regression.png"),
                suite + ": candidate vs baseline on the same examples (labels: lost/gained, exact McNemar p)",
                first.checkpointName(), first.baseline().get().checkpointName(), differences));
    }

    /**
     * One point per model: correct over all tasks against total calls over all examples.
     * Contrastive models make no denoiser call and have no place on a log axis.
     */
    private static List<ComputePoint> computePoints(List<TaskOutcome> outcomes) {
        Map<String, long[]> pooled = new LinkedHashMap<>();
        Map<String, String> modes = new HashMap<>();
        for (TaskOutcome o : outcomes) {
            List<TaskOutcome> runs = new ArrayList<>(List.of(o));
            o.baseline().ifPresent(runs::add);
            for (int i = 0; i < runs.size(); i++) {
                TaskOutcome run = runs.get(i);
                String series = Series.of(run, i == 1);
                long[] sums = pooled.computeIfAbsent(series, s -> new long[3]);
                sums[0] += run.correct();
                sums[1] += run.n();
                sums[2] += run.totalCalls();
                modes.put(series, Series.mode(run));
            }
        }
        List<ComputePoint> points = new ArrayList<>();
        pooled.forEach((series, sums) -> {
            if (sums[1] > 0 && sums[2] > 0) {
                points.add(new ComputePoint(series, modes.get(series), (double) sums[2] / sums[1],
                        (double) sums[0] / sums[1], WilsonInterval.of(sums[0], sums[1])));
            }
        });
        return points;
    }

    /** Re-gathers every suite's accuracy table under {@code outDir} into one summary. */
    static List<Path> summary(Path outDir) {
        List<AccuracyTable> tables = new ArrayList<>();
        try (Stream<Path> suites = Files.list(outDir)) {
            suites.map(d -> d.resolve(TABLE + ".csv")).filter(Files::isRegularFile).sorted()
                    .forEach(csv -> tables.add(AccuracyTable.read(csv)));
        } catch (IOException e) {
            throw new ReportException("cannot list " + outDir + ": " + e.getMessage(), e);
        }
        return AccuracyTable.concat(tables).write(outDir, SUMMARY, "DiffProbe summary");
    }

    /** Task name to accuracy threshold, from the run layer's suite summary; empty when it is absent. */
    static Map<String, Double> thresholds(Path runSummary) {
        Map<String, Double> thresholds = new HashMap<>();
        if (!Files.isRegularFile(runSummary)) {
            return thresholds;
        }
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader in = Files.newBufferedReader(runSummary, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(in, format)) {
            if (!parser.getHeaderNames().contains("task") || !parser.getHeaderNames().contains("threshold")) {
                throw new ReportException("suite summary " + runSummary + " has no task or threshold column");
            }
            for (CSVRecord record : parser) {
                String value = record.get("threshold");
                if (!value.equals("-") && !value.isEmpty()) {
                    try {
                        thresholds.put(record.get("task"), Double.parseDouble(value));
                    } catch (NumberFormatException e) {
                        throw new ReportException("suite summary " + runSummary + ", record "
                                + record.getRecordNumber() + ", column threshold: '" + value + "' is not a number");
                    }
                }
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw new ReportException("cannot read suite summary " + runSummary + ": " + e.getMessage(), e);
        }
        return thresholds;
    }
}
