package dev.diffprobe.harness.engine;

import dev.diffprobe.harness.engine.internal.ProbeEngineDescriptor;
import dev.diffprobe.models.ModelSettings;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoveryIssue.Severity;
import org.junit.platform.testkit.engine.EngineDiscoveryResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import java.util.Map;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathResource;

/** Settings as the engine sees them: configuration parameters, checked once at discovery. */
class SettingsDiscoveryTest {

    private static EngineDiscoveryResults discover(Map<String, String> parameters) {
        return EngineTestKit.engine(new DiffProbeEngine(FakeClassifiers.perfect()))
                .configurationParameters(parameters).selectors(selectClasspathResource("probes/smoke.yaml")).discover();
    }

    @Test
    void badModelSettingsAreDiscoveryErrorsOnceEachNotPerTask() {
        EngineDiscoveryResults results = discover(Map.of("diffprobe.threads", "abc", "diffprobe.maxBatch", "0",
                "diffprobe.device", "tpu"));

        assertThat(Problems.of(results)).hasSize(3).allSatisfy(i -> assertThat(i.severity())
                .isEqualTo(Severity.ERROR)).extracting(DiscoveryIssue::message).containsExactlyInAnyOrder(
                "-Ddiffprobe.threads=abc: expected a whole number from 1 to 2147483647",
                "-Ddiffprobe.maxBatch=0: expected a whole number from 1 to 2147483647",
                "-Ddiffprobe.device=tpu: expected auto, cpu or gpu");
    }

    @Test
    void configurationParametersReachTheModelAndReportSettings() {
        EngineDiscoveryResults results = discover(Map.of("diffprobe.threads", "4", "diffprobe.device", "cpu",
                "diffprobe.maxBatch", "16", "reports.tracePlots", "1"));

        assertThat(Problems.of(results)).isEmpty();
        ProbeEngineDescriptor engine = (ProbeEngineDescriptor) results.getEngineDescriptor();
        ModelSettings models = engine.settings().models();
        assertThat(models.threads()).isEqualTo(OptionalInt.of(4));
        assertThat(models.device()).isEqualTo(ModelSettings.DeviceChoice.CPU);
        assertThat(models.maxBatch()).isEqualTo(16);
        assertThat(engine.settings().reports().tracePlots()).isEqualTo(1);
    }

    @Test
    void aMisspeltShortKeyIsAWarningAndTheSuiteStillRuns() {
        EngineDiscoveryResults results = discover(Map.of("exmaples", "1", "seeed", "5"));

        assertThat(Problems.of(results)).hasSize(2).allSatisfy(i -> assertThat(i.severity())
                .isEqualTo(Severity.WARNING)).extracting(DiscoveryIssue::message).containsExactlyInAnyOrder(
                "-Dexmaples is not a DiffProbe setting and is ignored; did you mean -Dexamples?",
                "-Dseeed is not a DiffProbe setting and is ignored; did you mean -Dseed?");
        assertThat(results.getEngineDescriptor().getChildren()).hasSize(1);
    }

    @Test
    void anEmptySuiteSettingSaysWhatExists() {
        EngineDiscoveryResults results = EngineTestKit.engine(new DiffProbeEngine(FakeClassifiers.perfect()))
                .configurationParameters(Map.of("suite", " ")).selectors(selectClass(AnchorFixture.class)).discover();

        assertThat(Problems.suites(results)).isEmpty();
        assertThat(Problems.of(results)).singleElement().satisfies(issue -> {
            assertThat(issue.severity()).isEqualTo(Severity.ERROR);
            assertThat(issue.message()).startsWith("-Dsuite is empty, so it asks for no suite;")
                    .contains("other, smoke");
        });
    }

    @Test
    void aTagSelectionMatchingNoTestSaysWhichTagsExist() {
        EngineDiscoveryResults results = discover(Map.of("groups", "nosuchtag"));

        assertThat(Problems.of(results)).singleElement().satisfies(issue -> {
            assertThat(issue.severity()).isEqualTo(Severity.ERROR);
            assertThat(issue.message()).startsWith("-Dgroups=nosuchtag selects none of the 3 tests discovered;"
                    + " their tags: ").contains("control, fast");
        });
        assertThat(Problems.of(discover(Map.of("groups", "control", "excludedGroups", "nosuchtag"))))
                .isEmpty();
        assertThat(Problems.of(discover(Map.of("groups", "fast", "excludedGroups", "fast"))))
                .extracting(DiscoveryIssue::message).singleElement().asString()
                .startsWith("-Dgroups=fast -DexcludedGroups=fast selects none of the 3 tests discovered; their tags: ");
        assertThat(Problems.of(discover(Map.of("groups", "fast &")))).extracting(DiscoveryIssue::message)
                .singleElement().asString().startsWith("-Dgroups=fast &: not a JUnit tag expression:");
    }

    @Test
    void aGpuAskedForIsCheckedAtDiscovery() {
        EngineDiscoveryResults results = discover(Map.of("diffprobe.device", "gpu"));

        // Discovery started libtorch (offline) to count the GPUs; ask it the same.
        if (ai.djl.engine.Engine.getEngine("PyTorch").getGpuCount() > 0) {
            assertThat(Problems.of(results)).isEmpty();
        } else {
            assertThat(Problems.of(results)).singleElement().satisfies(issue -> {
                assertThat(issue.severity()).isEqualTo(Severity.ERROR);
                assertThat(issue.message()).startsWith("diffprobe.device=gpu, but libtorch sees no GPU");
            });
        }
    }
}
