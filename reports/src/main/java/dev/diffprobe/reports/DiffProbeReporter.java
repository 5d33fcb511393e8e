package dev.diffprobe.reports;

import dev.diffprobe.harness.config.ReportSettings;
import dev.diffprobe.harness.run.Reporter;
import dev.diffprobe.harness.run.TaskOutcome;
import dev.diffprobe.reports.calibration.CalibrationSplit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The reports module's {@link Reporter}, declared in
 * {@code META-INF/services/dev.diffprobe.harness.run.Reporter}: after each task its confusion
 * matrices, calibrations, score traces and, in regression mode, the paired comparison; after
 * each suite its charts and accuracy tables.
 * The engine attaches the returned files to the task's and suite's results in Allure.
 */
public final class DiffProbeReporter implements Reporter {
    private ReportSettings settings = ReportSettings.defaults();

    @Override
    public void configure(ReportSettings reportSettings) {
        this.settings = reportSettings;
    }

    @Override
    public List<Path> taskFinished(TaskOutcome outcome) {
        List<Path> files = new ArrayList<>(TaskFigures.write(outcome, false, split(), settings.tracePlots()));
        outcome.baseline().ifPresent(b -> {
            files.add(RegressionNote.write(outcome, b));
            files.addAll(TaskFigures.write(b, true, split(), settings.tracePlots()));
        });
        return files;
    }

    /** Also puts the pictures and CSV tables into Allure as the suite's own result (see SuiteReportResult). */
    @Override
    public List<Path> suiteFinished(List<TaskOutcome> outcomes, Path outDir) {
        List<Path> files = SuiteFigures.write(outcomes, outDir, split());
        if (!outcomes.isEmpty()) {
            List<Path> shown = new ArrayList<>(files.stream()
                    .filter(f -> f.startsWith(outcomes.get(0).journal().toAbsolutePath().getParent()))
                    .filter(f -> f.toString().endsWith(".png") || f.toString().endsWith(".csv")).toList());
            Path runSummary = outcomes.get(0).journal().toAbsolutePath().getParent().resolve(SuiteFigures.RUN_SUMMARY);
            if (Files.isRegularFile(runSummary)) {
                shown.add(runSummary);
            }
            if (settings.allureResults().isPresent()) {
                SuiteReportResult.write(outcomes.get(0).suite(), shown);
            }
        }
        return files;
    }

    private CalibrationSplit split() {
        return split(settings);
    }

    /** The calibration split the settings ask for. */
    static CalibrationSplit split(ReportSettings settings) {
        return settings.calibrationFit().isPresent() ? new CalibrationSplit(settings.calibrationFit().getAsDouble())
                : CalibrationSplit.defaults();
    }
}
