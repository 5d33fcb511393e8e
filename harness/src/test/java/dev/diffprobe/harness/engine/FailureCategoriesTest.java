package dev.diffprobe.harness.engine;

import dev.diffprobe.harness.run.ClassifierSource;
import dev.diffprobe.harness.run.FailureCategory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathResource;

/**
 * Every kind of failure the engine produces lands in exactly one of Allure's categories, the one
 * a model developer should read it under: as Allure matches them, the status from the throwable
 * (an AssertionError fails, anything else breaks) and the whole message against each regex.
 */
class FailureCategoriesTest {
    @TempDir
    Path out;

    @Test
    void thresholdAndBaselineFailuresAreRegressionsAndTheChanceVerdictAFinding() {
        EngineExecutionResults results = run(FakeClassifiers.worseThanBaseline(),
                Map.of("baseline", "src/test/resources/checkpoints/fake-baseline"));

        List<Event> failed = results.testEvents().failed().list();
        assertThat(failed).hasSize(5);
        for (Event event : failed) {
            String verdict = event.getTestDescriptor().getUniqueId().getLastSegment().getValue();
            assertThat(categories(event)).as(verdict).containsExactly(verdict.equals("chance")
                    ? FailureCategory.NOT_ABOVE_CHANCE : FailureCategory.REGRESSION);
        }
    }

    @Test
    void aCheckpointThatWillNotOpenIsAnInfrastructureError() {
        ClassifierSource broken = (checkpoint, settings) -> {
            throw new IOException("the disk went away");
        };
        EngineExecutionResults results = run(broken, Map.of());

        List<Event> failed = results.containerEvents().failed().list();
        assertThat(failed).isNotEmpty();
        failed.forEach(event -> assertThat(categories(event)).containsExactly(FailureCategory.INFRASTRUCTURE));
    }

    /** Failed examples beyond the share: FailedExamplesTest checks the engine's own error. */
    @Test
    void prefixedFailuresLandInTheirCategory() {
        assertThat(categories("failed", FailureCategory.EXAMPLE_ERRORS.message("Shape: 3 of 8 examples failed")))
                .containsExactly(FailureCategory.EXAMPLE_ERRORS);
        assertThat(categories("failed", FailureCategory.CLAIM.message("pruned vs unpruned: 0.90 vs 0.95")))
                .containsExactly(FailureCategory.CLAIM);
    }

    private EngineExecutionResults run(ClassifierSource source, Map<String, String> settings) {
        return EngineTestKit.engine(new DiffProbeEngine(source)).configurationParameter("diffprobe.output", out.toString())
                .configurationParameters(settings).selectors(selectClasspathResource("probes/smoke.yaml")).execute();
    }

    private static List<FailureCategory> categories(Event event) {
        Throwable thrown = event.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
        return categories(thrown instanceof AssertionError ? "failed" : "broken", thrown.getMessage());
    }

    /** The categories Allure puts a result of this status and message in. */
    static List<FailureCategory> categories(String status, String message) {
        return Arrays.stream(FailureCategory.values()).filter(c -> c.statuses().contains(status))
                .filter(c -> Pattern.compile(c.messageRegex(), Pattern.DOTALL).matcher(message).matches()).toList();
    }
}
