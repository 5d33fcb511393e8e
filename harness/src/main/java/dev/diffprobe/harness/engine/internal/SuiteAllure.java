package dev.diffprobe.harness.engine.internal;

import dev.diffprobe.harness.run.AllureReport;
import dev.diffprobe.harness.run.TaskOutcome;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.reporting.ReportEntry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A suite's place in the Allure report, written when the suite ends. Its charts and tables (the
 * accuracy-per-task chart with intervals, chance and thresholds; the summary; the reporters'
 * tables) go on the suite's container as a tear-down step named for them, so every verdict of the
 * suite shows them under "Tear down" and no pseudo-test counts them. Allure's JUnit Platform
 * listener makes that step from report entries keyed {@code allure.fixture}, the way it reports
 * a JUnit Jupiter {@code @AfterAll}. The run's settings and software go to the overview's
 * Environment widget.
 */
final class SuiteAllure {
    private static final Set<String> SHOWN = Set.of(".png", ".csv", ".md", ".txt");

    private SuiteAllure() {
    }

    static void write(TestDescriptor suite, String name, List<TaskOutcome> outcomes, List<Path> files,
                      ProbeContext context) {
        Optional<Path> results = context.settings().reports().allureResults();
        if (!AllureReport.writing() || results.isEmpty() || outcomes.isEmpty()) {
            return;
        }
        Path dir = outcomes.get(0).journal().toAbsolutePath().getParent();
        List<Path> shown = files.stream().map(Path::toAbsolutePath).filter(f -> f.startsWith(dir))
                .filter(f -> SHOWN.stream().anyMatch(f.getFileName().toString()::endsWith)).distinct().toList();
        String uuid = UUID.randomUUID().toString();
        context.listener().reportingEntryPublished(suite, ReportEntry.from(Map.of("allure.fixture", "tear_down",
                "event", "start", "uuid", uuid, "name", name + ": suite report (charts and tables)")));
        try {
            AllureReport.attachToFixture(shown);
        } finally {
            context.listener().reportingEntryPublished(suite, ReportEntry.from(Map.of("allure.fixture", "tear_down",
                    "event", "stop", "uuid", uuid)));
        }
        AllureReport.environment(results.get(), environment(name, outcomes, context));
    }

    /** {@code <suite>.checkpoint}, {@code .seed}, {@code .classifier}..., and what the run ran on. */
    static Map<String, String> environment(String suite, List<TaskOutcome> outcomes, ProbeContext context) {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put(suite + ".checkpoint", distinct(outcomes, SuiteAllure::checkpoint));
        outcomes.stream().flatMap(o -> o.baseline().stream()).findFirst()
                .ifPresent(b -> entries.put(suite + ".baseline", checkpoint(b)));
        entries.put(suite + ".seed", distinct(outcomes, o -> Long.toString(o.settings().seed())));
        entries.put(suite + ".examples", distinct(outcomes, o -> Integer.toString(o.n())));
        entries.put(suite + ".classifier", distinct(outcomes, o -> new java.util.TreeMap<>(o.classifierSettings())
                .entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "))));
        try {
            entries.putAll(context.classifiers().runtime());
        } catch (RuntimeException e) {
            entries.put("runtime", "unknown: " + e.getMessage());
        }
        entries.put("java", System.getProperty("java.vendor") + " " + System.getProperty("java.version"));
        gitCommit().ifPresent(commit -> entries.put("git.commit", commit));
        return entries;
    }

    private static String distinct(List<TaskOutcome> outcomes, java.util.function.Function<TaskOutcome, String> value) {
        Set<String> values = outcomes.stream().map(value).collect(Collectors.toCollection(TreeSet::new));
        return String.join("; ", values);
    }

    private static String checkpoint(TaskOutcome outcome) {
        String fingerprint = outcome.checkpointFingerprint();
        return outcome.checkpointName() + " (" + fingerprint.substring(0, Math.min(12, fingerprint.length())) + ")";
    }

    /** The commit of the working directory's git checkout, marked when files differ from it; empty without git. */
    static Optional<String> gitCommit() {
        try {
            Process git = new ProcessBuilder("git", "describe", "--always", "--dirty", "--abbrev=12")
                    .redirectErrorStream(true).start();
            git.getOutputStream().close();
            if (!git.waitFor(10, TimeUnit.SECONDS)) {
                git.destroyForcibly();
                return Optional.empty();
            }
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return git.exitValue() == 0 && !out.isEmpty() && !out.contains(" ") ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
