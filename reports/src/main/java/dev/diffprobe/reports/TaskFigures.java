package dev.diffprobe.reports;

import dev.diffprobe.harness.classify.Classification;
import dev.diffprobe.harness.classify.Mode;
import dev.diffprobe.harness.run.TaskOutcome;
import dev.diffprobe.reports.calibration.Calibration;
import dev.diffprobe.reports.calibration.CalibrationSplit;
import dev.diffprobe.reports.plot.ConfusionMatrixChart;
import dev.diffprobe.reports.plot.ReliabilityChart;
import dev.diffprobe.reports.plot.ScorePoint;
import dev.diffprobe.reports.plot.ScoreTraceChart;
import dev.diffprobe.tasks.Example;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The files of one task run on one checkpoint, written beside its journal and named after it
 * ({@code <task>.confusion.png}, {@code <task>.baseline.confusion.png}...): the confusion
 * matrix; the calibrations with their reliability diagrams and a markdown note of the figures
 * (and of why a calibration was left out); the score-versus-t plots when a trace exists.
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
        files.add(ConfusionMatrixChart.write(dir.resolve(base + ".confusion.png"), title, matrix.classes(),
                matrix.counts()));

        List<String> notes = new ArrayList<>();
        notes.add("# Calibration of " + outcome.taskName() + " on " + who);
        notes.add("");
        notes.add(String.format(Locale.ROOT, "Fit split: examples whose id hashes below %.2f (%s=%s); the rest are held out.",
                split.fitFraction(), ReportSettings.CALIBRATION_FIT, split.fitFraction()));
        notes.add("ECE: 15 equal-width confidence bins, on the held-out examples only.");
        notes.add("");
        notes.add("| method | fitted | fit n | held-out n | held-out ECE |");
        notes.add("|---|---|---|---|---|");
        List<Classification> results = outcome.classifications();
        String plattReason = plattSkipReason(results);
        String temperatureReason = temperatureSkipReason(outcome);
        for (String method : List.of(Calibration.PLATT, Calibration.TEMPERATURE)) {
            String reason = method.equals(Calibration.PLATT) ? plattReason : temperatureReason;
            if (reason == null) {
                try {
                    Calibration calibration = method.equals(Calibration.PLATT)
                            ? Calibration.platt(results, split) : Calibration.temperature(results, split);
                    String file = base + ".reliability-" + (method.equals(Calibration.PLATT) ? "platt" : "temperature") + ".png";
                    files.add(ReliabilityChart.write(dir.resolve(file), outcome.taskName() + " on " + who, calibration));
                    notes.add(String.format(Locale.ROOT, "| %s | %s | %d | %d | %.4f |", method, calibration.fitted(),
                            calibration.fitCount(), calibration.heldOutCount(), calibration.heldOut().value()));
                    continue;
                } catch (IllegalArgumentException e) {
                    reason = e.getMessage();
                }
            }
            notes.add("| " + method + " | not fitted: " + reason + " | | | |");
        }
        Path note = dir.resolve(base + ".calibration.md");
        try {
            Files.writeString(note, String.join("\n", notes) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ReportException("cannot write " + note + ": " + e.getMessage(), e);
        }
        files.add(note);

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

    private static String plattSkipReason(List<Classification> results) {
        long[] calls = results.stream().filter(c -> c.error().isEmpty())
                .mapToLong(Classification::denoiserCalls).distinct().toArray();
        return calls.length != 1 ? null
                : "every example cost the same number of denoiser calls (" + calls[0] + "): nothing was pruned "
                        + "early, or the run does not prune, so calls carry no confidence";
    }

    /** The paper fits the temperature on scores from unpruned runs (see TemperatureScaling). */
    private static String temperatureSkipReason(TaskOutcome outcome) {
        return Series.mode(outcome).equals(Mode.PRUNED.word())
                ? "pruned run; mean scores of dropped candidates rest on fewer rounds (fit it on a run with "
                        + "-Ddiffprobe.classifier.mode=shared)"
                : null;
    }

    static String base(Path journal) {
        String name = journal.getFileName().toString();
        return name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
    }
}
