package dev.diffprobe.harness.engine.internal;

import dev.diffprobe.harness.config.Settings;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoveryIssue.Severity;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads suite files once per discovery: parses and checks each, reports every problem as an
 * ERROR discovery issue pointing at its file and line, and remembers which file holds which
 * suite name so that two files claiming one name are reported rather than merged.
 */
final class SuiteLoader {
    private final Settings settings;
    private final DiscoveryIssueReporter issues;
    private final SuiteReader.SuiteChecks checks;
    private final Map<String, Optional<LoadedSuite>> byLocation = new HashMap<>();
    private final Map<String, String> locationByName = new HashMap<>();

    SuiteLoader(Settings settings, DiscoveryIssueReporter issues) {
        this.settings = settings;
        this.issues = issues;
        this.checks = new EngineChecks(settings.classifier(), settings.model().isPresent(),
                settings.models().checkpointCache());
    }

    Optional<LoadedSuite> load(SuiteFile file) {
        return byLocation.computeIfAbsent(file.location(), location -> read(file));
    }

    private Optional<LoadedSuite> read(SuiteFile file) {
        String other = locationByName.putIfAbsent(file.name(), file.location());
        if (other != null) {
            report(file, 0, "suite '" + file.name() + "' is defined twice, by " + other + " and by "
                    + file.location() + "; suite names must be unique");
            return Optional.empty();
        }
        String text;
        try {
            text = file.read();
        } catch (SuiteFile.Unreadable e) {
            report(file, e.line(), e.getMessage());
            return Optional.empty();
        } catch (IOException e) {
            report(file, 0, "cannot read the suite file: " + e.getMessage());
            return Optional.empty();
        }
        SuiteReader.Result result = SuiteReader.read(file.name(), text, Settings.CLASSIFIER_KEYS, checks);
        result.problems().forEach(p -> report(file, p.line(), p.message()));
        return result.suite().map(spec -> resolved(file, spec));
    }

    private LoadedSuite resolved(SuiteFile file, SuiteSpec spec) {
        String reference = settings.model().orElse(spec.checkpoint());
        Path cache = settings.models().checkpointCache();
        Path checkpoint = Checkpoints.resolve(reference, cache).orElseGet(() -> Path.of(reference));
        Optional<Path> baseline = settings.baseline().map(b -> Checkpoints.resolve(b, cache).orElseGet(() -> Path.of(b)));
        Map<String, Path> taskCheckpoints = new HashMap<>();
        spec.tasks().forEach(task -> task.checkpoint().ifPresent(c ->
                taskCheckpoints.put(task.name(), Checkpoints.resolve(c, cache).orElseGet(() -> Path.of(c)))));
        return new LoadedSuite(file, spec, checkpoint, baseline, taskCheckpoints);
    }

    private void report(SuiteFile file, int line, String message) {
        String where = line > 0 ? file.location() + ":" + line : file.location();
        issues.reportIssue(DiscoveryIssue.builder(Severity.ERROR, "suite " + where + ": " + message)
                .source(file.source(line)));
    }
}
