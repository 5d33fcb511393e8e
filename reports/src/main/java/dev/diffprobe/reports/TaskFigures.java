package dev.diffprobe.reports;

import dev.diffprobe.harness.run.TaskOutcome;
import dev.diffprobe.reports.calibration.CalibrationSplit;
import dev.diffprobe.reports.plot.ConfusionMatrixChart;
import dev.diffprobe.reports.plot.ReliabilityChart;
import dev.diffprobe.reports.plot.ScorePoint;
import dev.diffprobe.reports.plot.ScoreTraceChart;
import dev.diffprobe.tasks.Example;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The files of one task run on one checkpoint, written beside its journal and named after it
 * ({@code <task>.confusion.png}, {@code <task>.baseline.confusion.png}...): the confusion
 * matrix; the calibrations with their reliability diagrams and a CSV of the figures (and of
 * why a calibration was left out; CSV because Allure shows it as a table); the score-versus-t
 * plots when a trace exists.
 */
final class TaskFigures {

    private TaskFigures() {
    }

    static List<Path> write(TaskOutcome outcome, boolean baseline, CalibrationSplit split, int tracePlots) {
        String base = base(outcome.journal());
        Path dir = outcome.journal().toAbsolutePath().getParent();
        String who = Series.of(outcome, baseline);
        List<Path> files = new ArrayList<>();

        ConfusionMatrix matrix = ConfusionMatrix.of(outcome.task(), outcome.classifications());
        String title = outcome.taskName() + " on " + who + ": confusion matrix"
                + (matrix.byPosition() ? " (by candidate position)" : "")
                + (matrix.failed() > 0 ? ", " + matrix.failed() + " failed not shown" : "");
        if (!matrix.classes().isEmpty()) {
            files.add(ConfusionMatrixChart.write(dir.resolve(base + ".confusion.png"), title, matrix.classes(),
                    matrix.counts()));
        }

        List<List<String>> rows = new ArrayList<>();
        for (CalibrationAttempt attempt : CalibrationAttempt.both(outcome.classifications(), Series.mode(outcome), split)) {
            rows.add(attempt.csv(outcome.taskName(), split));
            if (attempt.calibration().isPresent()) {
                files.add(ReliabilityChart.write(dir.resolve(base + ".reliability-" + attempt.word() + ".png"),
                        outcome.taskName() + " on " + who, attempt.calibration().get()));
            }
        }
        files.add(CalibrationAttempt.writeCsv(dir.resolve(base + ".calibration.csv"), rows));

        Path trace = ScoreTrace.besideJournal(outcome.journal());
        if (tracePlots > 0 && Files.isRegularFile(trace)) {
            files.addAll(traces(outcome, who, ScoreTrace.read(trace), dir, base, tracePlots));
        }
        return files;
    }

    /** The unweighted error is not the score; the weighted one is, so that is what is drawn. */
    private static List<Path> traces(TaskOutcome outcome, String who, ScoreTrace trace, Path dir, String base,
                                     int plots) {
        Map<String, Example> byId = new HashMap<>();
        outcome.task().examples().forEach(e -> byId.put(e.id(), e));
        List<Path> files = new ArrayList<>();
        int index = 0;
        for (Map.Entry<String, List<ScoreTrace.Entry>> example : trace.byExample().entrySet()) {
            if (index == plots) {
                break;
            }
            Example known = byId.get(example.getKey());
            List<ScorePoint> points = new ArrayList<>();
            for (ScoreTrace.Entry e : example.getValue()) {
                String candidate = known != null && e.candidate() < known.candidates().size()
                        ? (e.candidate() == known.label() ? "(true) " : "") + known.candidates().get(e.candidate()).name()
                        : "candidate " + (e.candidate() + 1);
                points.add(new ScorePoint(candidate, e.t(), e.weightedScore()));
            }
            files.add(ScoreTraceChart.write(dir.resolve(base + ".scores-" + (index + 1) + ".png"),
                    example.getKey() + " on " + who + ": weighted score vs t", points));
            index++;
        }
        return files;
    }

    static String base(Path journal) {
        String name = journal.getFileName().toString();
        return name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
    }
}
