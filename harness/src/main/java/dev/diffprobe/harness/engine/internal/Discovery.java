package dev.diffprobe.harness.engine.internal;

import dev.diffprobe.harness.config.DiffProbeSettings;
import dev.diffprobe.harness.config.SettingSource;
import dev.diffprobe.harness.config.Settings;
import dev.diffprobe.harness.run.RecordedBaseline;
import dev.diffprobe.models.Checkpoint;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoveryIssue.Severity;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.ClasspathRootSelector;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;
import org.junit.platform.engine.support.discovery.EngineDiscoveryRequestResolver;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Discovery as a whole: settings, then selectors, then the settings' own problems (reported
 * only when some suite was found, so that a module without suites is not failed by them).
 */
public final class Discovery {
    private static final EngineDiscoveryRequestResolver<ProbeEngineDescriptor> RESOLVER =
            EngineDiscoveryRequestResolver.<ProbeEngineDescriptor>builder()
                    .addSelectorResolver(context -> new SuiteResolver(context.getEngineDescriptor().settings(),
                            context.getEngineDescriptor().getUniqueId(), new Anchors(
                                    context.getEngineDescriptor().getUniqueId(),
                                    context.getDiscoveryRequest().getSelectorsByType(ClasspathRootSelector.class)
                                            .stream().map(ClasspathRootSelector::getClasspathRoot).toList()),
                            context.getIssueReporter()))
                    .build();

    private Discovery() {
    }

    public static ProbeEngineDescriptor discover(EngineDiscoveryRequest request, UniqueId engineId) {
        Settings settings = Settings.read(SettingSource.of(request.getConfigurationParameters()));
        ProbeEngineDescriptor engine = new ProbeEngineDescriptor(engineId, settings);
        DiscoveryIssueReporter forward = DiscoveryIssueReporter.forwarding(request.getDiscoveryListener(), engineId);
        Set<DiscoveryIssue> problems = new LinkedHashSet<>();
        DiscoveryIssueReporter issues = DiscoveryIssueReporter.consuming(issue -> {
            if (issue.severity() == Severity.ERROR) {
                problems.add(issue);
            } else {
                forward.reportIssue(issue);
            }
        });
        RESOLVER.resolve(request, engine, issues);
        engine.getChildren().stream().filter(SuiteDescriptor.class::isInstance)
                .forEach(suite -> ((SuiteDescriptor) suite).addComparisons(settings));
        if (!engine.getChildren().isEmpty()) {
            reportSettings(settings, issues);
            TagSelectionCheck.problem(settings.tags(), engine).ifPresent(p -> issues.reportIssue(
                    DiscoveryIssue.create(Severity.ERROR, p)));
        }
        if (!problems.isEmpty()) {
            replaceByProblems(engine, List.copyOf(problems), settings, forward);
        }
        return engine;
    }

    /**
     * Nothing of a suite runs when discovery found a problem: the engine's tests become the
     * problems, each failing with its message. Should the run's tag selection keep no test at all,
     * a failing test would be filtered away, so the problems go to JUnit as ERROR issues instead.
     */
    private static void replaceByProblems(ProbeEngineDescriptor engine, List<DiscoveryIssue> problems,
                                          Settings settings, DiscoveryIssueReporter forward) {
        List.copyOf(engine.getChildren()).forEach(engine::removeChild);
        UniqueId first = engine.getUniqueId().append("problem", "1");
        Optional<Set<TestTag>> tags = settings.tags().isEmpty() ? Optional.of(Set.of())
                : TagSelectionCheck.kept(settings.tags(), t -> new DiscoveryProblemDescriptor(first, problems.get(0), t));
        if (tags.isEmpty()) {
            problems.forEach(forward::reportIssue);
            return;
        }
        for (int i = 0; i < problems.size(); i++) {
            engine.addChild(new DiscoveryProblemDescriptor(engine.getUniqueId().append("problem",
                    String.valueOf(i + 1)), problems.get(i), tags.get()));
        }
    }

    private static void reportSettings(Settings settings, DiscoveryIssueReporter issues) {
        settings.warnings().forEach(w -> issues.reportIssue(DiscoveryIssue.create(Severity.WARNING, w)));
        settings.problems().forEach(p -> issues.reportIssue(DiscoveryIssue.create(Severity.ERROR, p)));
        Path cache = settings.models().checkpointCache();
        settings.model().filter(m -> Checkpoints.resolve(m, cache).isEmpty()).ifPresent(m -> issues.reportIssue(
                DiscoveryIssue.create(Severity.ERROR, "-D" + DiffProbeSettings.MODEL + ": "
                        + Checkpoints.problem(m, cache))));
        settings.baseline().filter(b -> Checkpoints.resolve(b, cache).isEmpty() && !recordedResults(b)).ifPresent(b ->
                issues.reportIssue(DiscoveryIssue.create(Severity.ERROR, "-D" + DiffProbeSettings.BASELINE + ": "
                        + Checkpoints.problem(b, cache) + "; nor is it a results folder of an earlier run (a folder"
                        + " with journals, e.g. target/diffprobe or target/diffprobe/binding)")));
        Checkpoint.deviceProblem(settings.models()).ifPresent(p -> issues.reportIssue(
                DiscoveryIssue.create(Severity.ERROR, p)));
    }

    /** A folder of an earlier run's journals, which a baseline may be instead of a checkpoint. */
    private static boolean recordedResults(String reference) {
        Path folder = Path.of(reference);
        return RecordedBaseline.isRecorded(folder) && RecordedBaseline.holdsJournals(folder);
    }
}
