package dev.diffprobe.harness.study;

import dev.diffprobe.models.DiffusionModel;
import dev.diffprobe.models.NoiseSchedule;
import dev.diffprobe.models.PromptTokens;
import dev.diffprobe.models.TextEmbedding;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InterleavedRawRateTest {
    /** Records the size of every predictX0 call and returns x_t as its x0 estimate. */
    private static final class CountingModel implements DiffusionModel {
        private final List<Integer> calls = new ArrayList<>();

        @Override
        public float[][] predictX0(List<float[]> xt, float[] t, List<TextEmbedding> cond) {
            calls.add(xt.size());
            return xt.toArray(new float[0][]);
        }

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public String fingerprint() {
            return "0";
        }

        @Override
        public int resolution() {
            return 2;
        }

        @Override
        public int latentSize() {
            return 12;
        }

        @Override
        public NoiseSchedule schedule() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int maxBatch() {
            return 8;
        }

        @Override
        public float[] encodeImage(float[] pixels) {
            return pixels;
        }

        @Override
        public PromptTokens tokenize(String prompt) {
            throw new UnsupportedOperationException();
        }

        @Override
        public TextEmbedding encodeText(String prompt) {
            return new TextEmbedding(prompt, new float[4], 2, 2);
        }

        @Override
        public void close() {
        }
    }

    @Test
    void runsOneRawBatchAfterEveryNthCallAndCountsItApart() {
        CountingModel model = new CountingModel();
        List<TextEmbedding> prompts = List.of(model.encodeText("a"), model.encodeText("b"));
        InterleavedRawRate interleaved = new InterleavedRawRate(model,
                RawRate.Batch.of(model, prompts, 8, new SplittableRandom(1)), 10);
        float[] x = new float[12];
        x[0] = 7;
        for (int call = 0; call < 45; call++) {
            float[][] x0 = interleaved.predictX0(List.of(x, x, x), new float[3], List.of(prompts.get(0),
                    prompts.get(0), prompts.get(0)));
            assertThat(x0).as("the classifier's own result, not the raw batch's").hasNumberOfRows(3);
            assertThat(x0[0][0]).isEqualTo(7);
        }
        assertThat(model.calls).hasSize(49);
        assertThat(model.calls.stream().filter(n -> n == 8).count()).as("raw batches").isEqualTo(4);
        assertThat(model.calls.subList(0, 11)).containsExactly(3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 8);
        InterleavedRawRate.Totals before = new InterleavedRawRate.Totals(8, 0, 0);
        assertThat(interleaved.totals().rawImages()).isEqualTo(32);
        assertThat(interleaved.totals().minus(before).rawImages()).isEqualTo(24);
    }

    @Test
    void refusesAnIntervalBelowOne() {
        CountingModel model = new CountingModel();
        RawRate.Batch batch = RawRate.Batch.of(model, List.of(model.encodeText("a")), 2, new SplittableRandom(1));
        assertThatThrownBy(() -> new InterleavedRawRate(model, batch, 0)).hasMessageContaining("at least 1");
    }
}
