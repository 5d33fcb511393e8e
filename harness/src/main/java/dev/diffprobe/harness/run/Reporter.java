package dev.diffprobe.harness.run;

import dev.diffprobe.harness.config.ReportSettings;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A service (found through {@link java.util.ServiceLoader}, declared in
 * {@code META-INF/services/dev.diffprobe.harness.run.Reporter}) that turns outcomes into report
 * files: plots, calibration, cross-checkpoint tables. It returns the files it wrote so that the
 * engine can attach them to the task's or suite's test results.
 */
public interface Reporter {
    /** Called once, before any other call, with the run's validated report settings. */
    default void configure(ReportSettings settings) {
    }

    /** Called once per task after it ran (and its baseline, in regression mode). */
    default List<Path> taskFinished(TaskOutcome outcome) throws IOException {
        return List.of();
    }

    /** Called once per suite after all its tasks ran; {@code outDir} is the run's output directory. */
    default List<Path> suiteFinished(List<TaskOutcome> outcomes, Path outDir) throws IOException {
        return List.of();
    }
}
