package dev.diffprobe.harness.engine;

import dev.diffprobe.harness.engine.internal.DiscoveryProblem;
import dev.diffprobe.harness.engine.internal.DiscoveryProblemDescriptor;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestTag;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathResource;

/**
 * Problems found at discovery run as failing tests, one per problem, whose failure is the problem's
 * message alone; nothing of the suite runs, and a tag selection cannot filter the problems away.
 */
class DiscoveryProblemTest {

    private static EngineExecutionResults run(Map<String, String> parameters) {
        return EngineTestKit.engine(new DiffProbeEngine(FakeClassifiers.perfect()))
                .configurationParameters(parameters).selectors(selectClasspathResource("probes/smoke.yaml")).execute();
    }

    @Test
    void eachProblemIsAFailingTestWithTheMessageAndNoStackTrace() {
        EngineExecutionResults results = run(Map.of("diffprobe.threads", "abc", "diffprobe.device", "tpu"));

        assertThat(results.testEvents().started().count()).isEqualTo(2);
        List<Throwable> failures = results.testEvents().failed().stream()
                .map(e -> e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow()).toList();
        assertThat(failures).hasSize(2).allSatisfy(t -> {
            assertThat(t).isInstanceOf(DiscoveryProblem.class);
            assertThat(t.getStackTrace()).isEmpty();
        }).extracting(Throwable::getMessage).containsExactlyInAnyOrder(
                "-Ddiffprobe.threads=abc: expected a whole number from 1 to 2147483647",
                "-Ddiffprobe.device=tpu: expected auto, cpu or gpu");
        assertThat(results.containerEvents().failed().count()).isZero();
    }

    @Test
    void theRunsTagSelectionKeepsTheProblems() {
        for (Map<String, String> selection : List.of(Map.of("groups", "control"), Map.of("groups", "nosuchtag"),
                Map.of("excludedGroups", "control"), Map.of("groups", "(a | b) & !c", "excludedGroups", "d"))) {
            Map<String, String> parameters = new HashMap<>(selection);
            parameters.put("diffprobe.maxBatch", "0");
            List<Event> tests = run(parameters).testEvents().started().list();

            assertThat(tests).as(selection.toString()).isNotEmpty().allSatisfy(test -> {
                TestDescriptor descriptor = test.getTestDescriptor();
                assertThat(descriptor).isInstanceOf(DiscoveryProblemDescriptor.class);
                selection.forEach((key, expression) -> {
                    PostDiscoveryFilter filter = key.equals("groups") ? TagFilter.includeTags(expression)
                            : TagFilter.excludeTags(expression);
                    assertThat(filter.apply(descriptor).included()).as(selection + " keeps " + descriptor.getTags()
                            .stream().map(TestTag::getName).toList()).isTrue();
                });
            });
        }
    }
}
