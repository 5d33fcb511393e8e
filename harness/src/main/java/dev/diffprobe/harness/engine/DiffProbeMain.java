package dev.diffprobe.harness.engine;

import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs suites without Maven: {@code java -Dsuite=binding [-Dshard=i/n | -Dmerge=DIR] -jar
 * diffprobe.jar SUITE_FILE_OR_FOLDER...}. Settings are the engine's, as system properties; the
 * verdicts run as JUnit Platform tests, listeners found on the class path (Allure's) take part as
 * under Maven. Exit status 0 when nothing failed, 1 when a verdict, task or suite failed, 2 for a
 * wrong command line.
 */
public final class DiffProbeMain {
    private DiffProbeMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    static int run(String[] args, PrintStream out) {
        if (args.length == 0) {
            out.println("usage: java [-Dsuite=NAME] [-Dshard=i/n | -Dmerge=DIR] [-D...] -jar diffprobe.jar"
                    + " SUITE_FILE_OR_FOLDER...");
            return 2;
        }
        List<DiscoverySelector> selectors = new ArrayList<>();
        for (String arg : args) {
            Path path = Path.of(arg);
            if (Files.isDirectory(path)) {
                selectors.add(DiscoverySelectors.selectDirectory(path.toFile()));
            } else if (Files.isRegularFile(path)) {
                selectors.add(DiscoverySelectors.selectFile(path.toFile()));
            } else {
                out.println("diffprobe: " + arg + ": no such suite file or folder (" + path.toAbsolutePath() + ")");
                return 2;
            }
        }
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectors)
                .filters(EngineFilter.includeEngines(DiffProbeEngine.ID)).build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        launcher.execute(request, summary, new Lines(out));
        TestExecutionSummary result = summary.getSummary();
        PrintWriter writer = new PrintWriter(out, true, StandardCharsets.UTF_8);
        result.printFailuresTo(writer, 0);
        result.printTo(writer);
        return result.getTotalFailureCount() == 0 ? 0 : 1;
    }

    /** One line per verdict, task or suite that did not pass, and per test that did. */
    private record Lines(PrintStream out) implements TestExecutionListener {
        @Override
        public void executionSkipped(TestIdentifier test, String reason) {
            if (test.isTest()) {
                out.println("SKIPPED " + test.getDisplayName() + ": " + reason);
            }
        }

        @Override
        public void executionFinished(TestIdentifier test, TestExecutionResult result) {
            String message = result.getThrowable().map(Throwable::getMessage).orElse("");
            if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                out.println(result.getStatus() + " " + test.getDisplayName() + ": " + message);
            } else if (test.isTest()) {
                out.println("PASSED " + test.getDisplayName());
            }
        }

        @Override
        public void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
            // Entries with allure.* keys are Allure's test parameters, repeating the verdict's line.
            if (entry.getKeyValuePairs().keySet().stream().noneMatch(key -> key.startsWith("allure."))) {
                entry.getKeyValuePairs().forEach((key, value) -> out.println("  " + test.getDisplayName() + " "
                        + key + ": " + value));
            }
        }
    }
}
