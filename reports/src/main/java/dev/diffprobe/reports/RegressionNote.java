package dev.diffprobe.reports;

import dev.diffprobe.harness.run.AtomicFiles;
import dev.diffprobe.harness.run.TaskOutcome;
import dev.diffprobe.harness.run.Verdicts;
import dev.diffprobe.harness.stats.PairedComparison;
import dev.diffprobe.harness.stats.WilsonInterval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The paired comparison behind a task's regression verdict, as a plain-text note beside the
 * journal ({@code <task>.regression.txt}, text so that Allure shows it inline): both accuracies with their intervals, the discordant counts,
 * the difference with its 95% interval and the exact McNemar p-values. The verdict test shows
 * these figures only when it fails; the note shows them for every task. The figures come from
 * the same functions the verdict uses ({@link Verdicts#pair}).
 */
final class RegressionNote {

    private RegressionNote() {
    }

    static Path write(TaskOutcome candidate, TaskOutcome baseline) {
        PairedComparison paired = Verdicts.pair(candidate, baseline);
        String text = String.format(Locale.ROOT, """
                %s: candidate vs baseline on the same %d examples

                candidate  %s: %d correct, accuracy %.3f %s
                baseline   %s: %d correct, accuracy %.3f %s
                (95%% Wilson intervals)

                discordant pairs: %d lost (baseline right, candidate wrong), %d gained (the reverse)
                difference, candidate - baseline: %+.3f, 95%% interval %s
                  (Newcombe's hybrid score method for paired proportions)
                exact McNemar test: p(candidate worse) = %s, p(two-sided) = %s

                The regression verdict fails when p(candidate worse) is below its alpha and the
                drop exceeds the suite's max_drop.
                """,
                candidate.taskName(), paired.n(),
                candidate.checkpointName(), paired.candidateCorrect(), paired.candidateAccuracy(),
                WilsonInterval.of(paired.candidateCorrect(), paired.n()),
                baseline.checkpointName(), paired.baselineCorrect(), paired.baselineAccuracy(),
                WilsonInterval.of(paired.baselineCorrect(), paired.n()),
                paired.lost(), paired.gained(), paired.accuracyDifference(), paired.difference(),
                p(paired.pWorse()), p(paired.pTwoSided()));
        Path file = candidate.journal().toAbsolutePath().getParent()
                .resolve(TaskFigures.base(candidate.journal()) + ".regression.txt");
        try {
            AtomicFiles.writeString(file, text);
        } catch (IOException e) {
            throw new ReportException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    private static String p(double p) {
        return String.format(Locale.ROOT, p < 1e-3 ? "%.2e" : "%.4f", p);
    }
}
