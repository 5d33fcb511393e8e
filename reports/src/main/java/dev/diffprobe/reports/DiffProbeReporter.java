package dev.diffprobe.reports;

import dev.diffprobe.harness.config.ReportSettings;
import dev.diffprobe.harness.run.Reporter;
import dev.diffprobe.harness.run.TaskOutcome;
import dev.diffprobe.reports.calibration.CalibrationSplit;

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

    /** The suite's charts and tables; the engine shows them in Allure on the suite, beside its verdicts. */
    @Override
    public List<Path> suiteFinished(List<TaskOutcome> outcomes, Path outDir) {
        return SuiteFigures.write(outcomes, outDir, split());
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
