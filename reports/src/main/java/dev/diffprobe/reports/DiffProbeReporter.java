package dev.diffprobe.reports;

import dev.diffprobe.harness.run.Reporter;
import dev.diffprobe.harness.run.TaskOutcome;

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

    @Override
    public List<Path> taskFinished(TaskOutcome outcome) {
        List<Path> files = new ArrayList<>(TaskFigures.write(outcome, false,
                ReportSettings.calibrationSplit(), ReportSettings.tracePlots()));
        outcome.baseline().ifPresent(b -> {
            files.add(RegressionNote.write(outcome, b));
            files.addAll(TaskFigures.write(b, true, ReportSettings.calibrationSplit(), ReportSettings.tracePlots()));
        });
        return files;
    }

    @Override
    public List<Path> suiteFinished(List<TaskOutcome> outcomes, Path outDir) {
        return SuiteFigures.write(outcomes, outDir);
    }
}
