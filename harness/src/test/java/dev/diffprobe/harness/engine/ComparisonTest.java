package dev.diffprobe.harness.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

/**
 * A suite's comparisons, end to end on a fake classifier that is always wrong on the checkpoint
 * {@code fake} and always right on {@code fake-baseline}: each claim passes the right way round
 * and fails the wrong way round, with its statistic in the message; tasks run with their own
 * classifier settings; a task that only a comparison uses gets the "completed" check.
 */
class ComparisonTest {
    private static final String TASKS = """
            suite: compare
            checkpoint: src/test/resources/checkpoints/fake
            examples: 12
            classifier:
              minScores: 2
              maxScores: 8
            tasks:
              - name: Shape
                type: binding
                above_chance: false
                classifier:
                  mode: shared
                  weighting: simple
              - name: Shape-right
                type: binding
                source: Shape
                checkpoint: src/test/resources/checkpoints/fake-baseline
                above_chance: false
            comparisons:
            """;

    @TempDir
    Path out;

    private EngineExecutionResults run(FakeClassifiers classifiers, String comparisons) throws IOException {
        Path suite = Files.writeString(out.resolve("compare.yaml"), TASKS + comparisons);
        return EngineTestKit.engine(new DiffProbeEngine(classifiers))
                .configurationParameters(Map.of("diffprobe.output", out.toString()))
                .selectors(selectFile(suite.toFile())).execute();
    }

    @Test
    void betterPassesForTheMoreAccurateSideAndFailsForTheOther() throws IOException {
        EngineExecutionResults results = run(FakeClassifiers.worseThanBaseline(), """
                  - name: right beats wrong
                    claim: better
                    candidate: Shape-right
                    reference: Shape
                  - name: wrong beats right
                    claim: better
                    candidate: [Shape]
                    reference: [Shape-right]
                """);

        results.testEvents().assertThatEvents().haveExactly(1, event(displayName(
                "compare/right beats wrong: Shape-right more accurate than Shape (one-sided McNemar, alpha 0.05)"),
                finishedSuccessfully()));
        results.testEvents().assertThatEvents().haveExactly(1, event(displayName(
                "compare/wrong beats right: Shape more accurate than Shape-right (one-sided McNemar, alpha 0.05)"),
                finishedWithFailure(message(m -> m.startsWith("claim not supported: wrong beats right: 0.000 vs 1.000 on the same 12 examples"
                        + " (Shape vs Shape-right), discordant 0 gained / 12 lost") && m.contains("McNemar p(better)=1.000")))));
        assertThat(results.testEvents().started().stream().filter(e -> e.getTestDescriptor().getDisplayName()
                .startsWith("compare/right beats wrong")).findFirst().orElseThrow().getTestDescriptor().getTags())
                .extracting(Object::toString).contains("verdict:comparison", "suite:compare");
        assertThat(Files.readString(out.resolve("compare/comparisons.csv")))
                .contains("right beats wrong,better,Shape-right,Shape,PASS").contains("wrong beats right,better,Shape,Shape-right,FAIL");
    }

    @Test
    void nonInferiorityNeedsTheLowerEndAboveMinusTheMarginAndTheCallsFraction() throws IOException {
        EngineExecutionResults results = run(FakeClassifiers.worseThanBaseline(), """
                  - name: right within a point
                    claim: non-inferior
                    margin: 0.01
                    candidate: Shape-right
                    reference: Shape
                  - name: right at half the calls
                    claim: non-inferior
                    margin: 0.01
                    calls_fraction: 0.5
                    candidate: Shape-right
                    reference: Shape
                  - name: wrong within a point
                    claim: non-inferior
                    margin: 0.01
                    candidate: Shape
                    reference: Shape-right
                """);

        results.testEvents().assertThatEvents().haveExactly(1, event(displayName(
                "compare/right within a point: Shape-right within 0.010 of Shape (95% paired interval)"), finishedSuccessfully()));
        // The fake spends the same calls on both sides: a fraction of 1, above 0.5.
        results.testEvents().assertThatEvents().haveExactly(1, event(displayName(
                "compare/right at half the calls: Shape-right within 0.010 of Shape at <= 0.50 of its calls"
                        + " (95% paired interval)"),
                finishedWithFailure(message(m -> m.contains("calls per example 8.0 vs 8.0 (fraction 1.000, at most 0.50)")))));
        results.testEvents().assertThatEvents().haveExactly(1, event(displayName(
                "compare/wrong within a point: Shape within 0.010 of Shape-right (95% paired interval)"),
                finishedWithFailure(message(m -> m.contains("<= -margin 0.010")))));
    }

    @Test
    void tasksRunWithTheirOwnClassifierSettingsAndOnlyComparedTasksGetTheCompletedCheck() throws IOException {
        FakeClassifiers classifiers = FakeClassifiers.perfect();
        EngineExecutionResults results = run(classifiers, """
                  - name: same
                    claim: non-inferior
                    margin: 0.01
                    candidate: Shape
                    reference: Shape-right
                """);

        assertThat(classifiers.settingsOpened).containsExactlyInAnyOrder(
                Map.of("minScores", "2", "maxScores", "8", "mode", "shared", "weighting", "simple"),
                Map.of("minScores", "2", "maxScores", "8"));
        results.testEvents().assertThatEvents().haveExactly(1, event(displayName(
                "compare/Shape: every example classified (runs for the suite's comparisons)"), finishedSuccessfully()));
        // Twelve examples are too few to show "within a point" even when the two sides agree on all.
        results.testEvents().assertStatistics(stats -> stats.started(3).succeeded(2).failed(1));
        results.testEvents().assertThatEvents().haveExactly(1, event(displayName(
                "compare/same: Shape within 0.010 of Shape-right (95% paired interval)"),
                finishedWithFailure(message(m -> m.contains("discordant 0 gained / 0 lost")
                        && m.contains("lower end -0.2425 <= -margin 0.010")))));
    }

    @Test
    void aComparisonOfATaskThatIsNotInTheSuiteOrAnUnknownClaimIsADiscoveryError() throws IOException {
        Path suite = Files.writeString(out.resolve("compare.yaml"), TASKS + """
                  - name: typo
                    claim: better
                    candidate: Shape-rihgt
                    reference: Shape
                  - name: unknown
                    claim: louder
                    candidate: Shape
                    reference: Shape-right
                  - name: no margin
                    claim: non-inferior
                    candidate: Shape
                    reference: Shape-right
                """);
        List<String> issues = Problems.of(EngineTestKit.engine(new DiffProbeEngine(FakeClassifiers.perfect()))
                .selectors(selectFile(suite.toFile())).discover()).stream()
                .map(DiscoveryIssue::message).toList();

        assertThat(issues).anySatisfy(m -> assertThat(m).contains("comparison 'typo': 'candidate' names 'Shape-rihgt',"
                + " which is not a task of this suite"));
        assertThat(issues).anySatisfy(m -> assertThat(m).contains("comparison 'unknown': unknown claim 'louder';"
                + " known claims: better, non-inferior"));
        assertThat(issues).anySatisfy(m -> assertThat(m).contains("comparison 'no margin': claim 'non-inferior' needs a 'margin'"));
    }
}
