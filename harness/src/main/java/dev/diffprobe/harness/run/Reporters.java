package dev.diffprobe.harness.run;

import dev.diffprobe.harness.config.ReportSettings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The {@link Reporter}s on the class path, called together. A reporter that fails does not stop
 * the others, nor lose results: its failure is returned beside the files the others wrote, for
 * the engine to report.
 */
public final class Reporters {
    private final List<Reporter> reporters;

    public Reporters(List<Reporter> reporters) {
        this.reporters = List.copyOf(reporters);
    }

    /** Every Reporter declared through ServiceLoader, configured; a broken declaration is a named error. */
    public static Reporters load(ReportSettings settings) {
        List<Reporter> found = new ArrayList<>();
        try {
            ServiceLoader.load(Reporter.class).forEach(found::add);
        } catch (ServiceConfigurationError e) {
            throw new RunException("cannot load a " + Reporter.class.getName() + " service: " + e.getMessage(), e);
        }
        found.forEach(reporter -> reporter.configure(settings));
        return new Reporters(found);
    }

    /** The files reporters wrote, and one line per reporter that failed. */
    public record ReportFiles(List<Path> files, List<String> failures) {
        public ReportFiles {
            files = List.copyOf(files);
            failures = List.copyOf(failures);
        }
    }

    public ReportFiles taskFinished(TaskOutcome outcome) {
        return each("task " + outcome.taskName(), reporter -> reporter.taskFinished(outcome));
    }

    public ReportFiles suiteFinished(List<TaskOutcome> outcomes, Path outDir) {
        return each("suite " + (outcomes.isEmpty() ? "" : outcomes.get(0).suite()),
                reporter -> reporter.suiteFinished(outcomes, outDir));
    }

    @FunctionalInterface
    private interface Call {
        List<Path> apply(Reporter reporter) throws Exception;
    }

    private ReportFiles each(String what, Call call) {
        List<Path> files = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (Reporter reporter : reporters) {
            try {
                files.addAll(call.apply(reporter));
            } catch (Exception | LinkageError e) {
                failures.add(reporter.getClass().getName() + " failed on " + what + ": " + e);
            }
        }
        return new ReportFiles(files, failures);
    }
}
