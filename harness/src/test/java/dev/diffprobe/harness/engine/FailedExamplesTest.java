package dev.diffprobe.harness.engine;

import dev.diffprobe.harness.classify.ClassifierSettings;
import dev.diffprobe.harness.classify.DiffusionClassifier;
import dev.diffprobe.harness.classify.FakeDiffusionModel;
import dev.diffprobe.harness.run.ClassifierSource;
import dev.diffprobe.harness.run.FailedExamplesException;
import dev.diffprobe.harness.run.FailureCategory;
import dev.diffprobe.harness.run.LoadedCheckpoint;
import dev.diffprobe.models.DiffusionModel;
import dev.diffprobe.models.NoiseSchedule;
import dev.diffprobe.models.TextEmbedding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathResource;

/**
 * A checkpoint whose denoiser returns +Infinity on part of the t range, run through the real
 * classifier: the examples that drew such a t fail by name, and a task with more failures than the
 * allowed share ends in an error (not an accuracy, not a pass) that says how many failed and why,
 * in the verdicts, the printed table, summary.csv and summary.md.
 */
class FailedExamplesTest {
    @TempDir
    Path out;

    @Test
    void aDenoiserReturningInfinityOnPartOfTheTRangeEndsInAnErrorNotASuccess() throws IOException {
        EngineExecutionResults results = run(0.5, Map.of());

        results.testEvents().assertStatistics(stats -> stats.started(3).succeeded(0).failed(3));
        for (Event event : results.testEvents().failed().list()) {
            Throwable thrown = event.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
            assertThat(thrown).isInstanceOf(FailedExamplesException.class).isNotInstanceOf(AssertionError.class);
            assertThat(thrown.getMessage()).containsPattern("\\d+ of [68] examples failed \\(NonFiniteOutput x\\d+\\)")
                    .contains("more than 5% allowed").contains("NonFiniteOutput: denoiser returned +Infinity for prompt")
                    .contains("the accuracy is not judged").contains("-Ddiffprobe.maxFailedShare=0.05");
            assertThat(FailureCategoriesTest.categories("broken", thrown.getMessage()))
                    .containsExactly(FailureCategory.EXAMPLE_ERRORS);
        }
        String csv = Files.readString(out.resolve("smoke/summary.csv"));
        assertThat(csv.lines().skip(1)).hasSize(2).allSatisfy(line ->
                assertThat(line).contains("ERROR (failed examples)").contains("NonFiniteOutput x"));
        assertThat(Files.readString(out.resolve("smoke/summary.md"))).contains("| ERROR (failed examples) |")
                .contains("- ERROR Shape on tiny-fake:");
    }

    @Test
    void failuresWithinTheAllowedShareStillShowInEveryVerdict() throws IOException {
        EngineExecutionResults results = run(0.5, Map.of("diffprobe.maxFailedShare", "1"));

        results.testEvents().assertStatistics(stats -> stats.started(3).failed(3));
        for (Event event : results.testEvents().failed().list()) {
            Throwable thrown = event.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
            assertThat(thrown).isInstanceOf(AssertionError.class);
            assertThat(thrown.getMessage()).containsPattern("n=[68] \\(\\d+ of [68] examples failed"
                    + " \\(NonFiniteOutput x\\d+\\), counted as wrong\\)");
        }
        assertThat(Files.readString(out.resolve("smoke/summary.csv")).lines().skip(1)).allSatisfy(line ->
                assertThat(line).contains("FAIL (").contains("NonFiniteOutput x"));
    }

    private EngineExecutionResults run(double infiniteFrom, Map<String, String> settings) {
        Map<String, String> all = new TreeMap<>(Map.of("diffprobe.output", out.toString()));
        all.putAll(settings);
        ClassifierSource source = (checkpoint, run) -> {
            InfiniteAbove model = new InfiniteAbove(infiniteFrom);
            ClassifierSettings.Builder builder = ClassifierSettings.builder().setSeed(run.seed());
            run.classifier().forEach(builder::opt);
            return new LoadedCheckpoint(model.name(), model.fingerprint(), "diffusion",
                    new DiffusionClassifier(model, builder.build()), run.classifier(), model::close);
        };
        return EngineTestKit.engine(new DiffProbeEngine(source)).configurationParameters(all)
                .selectors(selectClasspathResource("probes/smoke.yaml")).execute();
    }

    /** Echoes x_t as its x0 estimate, except for t at or above {@code from}, where it returns +Infinity. */
    private static final class InfiniteAbove implements DiffusionModel {
        private static final int RESOLUTION = 8;
        private final double from;

        InfiniteAbove(double from) {
            this.from = from;
        }

        @Override
        public String name() {
            return "tiny-fake";
        }

        @Override
        public String fingerprint() {
            return "infinite-above-" + from;
        }

        /** Every prompt is one known token of its own: whatever the task, the candidates can be told apart. */
        @Override
        public dev.diffprobe.models.PromptTokens tokenize(String prompt) {
            return new dev.diffprobe.models.PromptTokens(new long[] {prompt.hashCode()}, 1, 0, false);
        }

        @Override
        public int resolution() {
            return RESOLUTION;
        }

        @Override
        public int latentSize() {
            return 3 * RESOLUTION * RESOLUTION;
        }

        @Override
        public NoiseSchedule schedule() {
            return FakeDiffusionModel.COSINE;
        }

        @Override
        public int maxBatch() {
            return 16;
        }

        @Override
        public float[] encodeImage(float[] pixels) {
            return pixels.clone();
        }

        @Override
        public TextEmbedding encodeText(String prompt) {
            return new TextEmbedding(prompt, new float[] {prompt.hashCode()}, 1, 1);
        }

        @Override
        public float[][] predictX0(List<float[]> xt, float[] t, List<TextEmbedding> cond) {
            float[][] x0 = new float[xt.size()][];
            for (int i = 0; i < x0.length; i++) {
                x0[i] = xt.get(i).clone();
                if (t[i] >= from) {
                    x0[i][0] = Float.POSITIVE_INFINITY;
                }
            }
            return x0;
        }

        @Override
        public void close() {
        }
    }
}
