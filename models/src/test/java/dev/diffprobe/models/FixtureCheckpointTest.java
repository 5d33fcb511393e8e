package dev.diffprobe.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FixtureCheckpointTest {

    @ParameterizedTest(name = "{0} matches its Python reference")
    @ValueSource(strings = {"tiny-diffusion", "tiny-latent", "tiny-x0"})
    void diffusionFixtureMatchesPython(String name) throws IOException {
        ReferenceChecks.diffusion(Fixtures.dir(name));
    }

    @Test
    void contrastiveFixtureMatchesPython() throws IOException {
        ReferenceChecks.contrastive(Fixtures.dir("tiny-contrastive"));
    }

    @Test
    void describesTheCheckpoint() {
        try (DiffusionModel pixel = Checkpoint.openDiffusion(Fixtures.dir("tiny-diffusion"), Fixtures.settings());
                DiffusionModel latent = Checkpoint.openDiffusion(Fixtures.dir("tiny-latent"), Fixtures.settings())) {
            assertThat(pixel.name()).isEqualTo("tiny-diffusion");
            assertThat(pixel.resolution()).isEqualTo(8);
            assertThat(pixel.latentSize()).isEqualTo(3 * 8 * 8);
            assertThat(pixel.maxBatch()).isEqualTo(ModelSettings.DEFAULT_MAX_BATCH);
            assertThat(pixel.fingerprint()).hasSize(64).isNotEqualTo(latent.fingerprint());
            assertThat(latent.latentSize()).as("4 channels at half resolution").isEqualTo(4 * 4 * 4);
            float[] pixels = new float[3 * 8 * 8];
            assertThat(pixel.encodeImage(pixels)).containsExactly(pixels);
        }
    }

    @Test
    void cachesTextEncodingsAndFlagsTruncatedPrompts() {
        try (DiffusionModel model = Checkpoint.openDiffusion(Fixtures.dir("tiny-diffusion"), Fixtures.settings())) {
            TextEmbedding shortPrompt = model.encodeText("a red cube");
            assertThat(model.encodeText("a red cube")).isSameAs(shortPrompt);
            assertThat(shortPrompt.truncated()).isFalse();
            assertThat(shortPrompt.length()).isEqualTo(6);
            TextEmbedding exactlyFull = model.encodeText("a small red cube left of");
            assertThat(exactlyFull.truncated()).as("six tokens fit six").isFalse();
            TextEmbedding longPrompt = model.encodeText("a small red cube left of a large blue sphere");
            assertThat(longPrompt.truncated()).isTrue();
            assertThat(longPrompt.values()).as("only the first six tokens count").containsExactly(exactlyFull.values());
        }
    }

    @Test
    void countsUnknownTokensBeforeAnyNetworkRuns() {
        try (DiffusionModel diffusion = Checkpoint.openDiffusion(Fixtures.dir("tiny-diffusion"), Fixtures.settings());
                ContrastiveModel contrastive = Checkpoint.openContrastive(Fixtures.dir("tiny-contrastive").toString(), Fixtures.settings())) {
            for (var tokenize : List.<java.util.function.Function<String, PromptTokens>>of(diffusion::tokenize,
                    contrastive::tokenize)) {
                PromptTokens known = tokenize.apply("A red cube.");
                assertThat(known.tokens()).isEqualTo(4);
                assertThat(known.unknown()).isZero();
                assertThat(known.ids()).hasSize(6);
                PromptTokens purple = tokenize.apply("a purple cone");
                assertThat(purple.tokens()).isEqualTo(3);
                assertThat(purple.unknown()).as("purple and cone are not in the fixture's vocabulary").isEqualTo(2);
                PromptTokens otherWords = tokenize.apply("a golden pyramid");
                assertThat(otherWords.sameIds(purple)).as("both unknown words become [UNK]").isTrue();
                assertThat(tokenize.apply("dog cat").allUnknown()).isTrue();
                assertThat(tokenize.apply("a small red cube left of a large blue sphere").truncated()).isTrue();
            }
        }
    }

    @Test
    void refusesBatchesItCannotTake() {
        try (DiffusionModel model = Checkpoint.openDiffusion(Fixtures.dir("tiny-diffusion"), Fixtures.settings().withMaxBatch(2))) {
            TextEmbedding cond = model.encodeText("a cube");
            float[] x = new float[model.latentSize()];
            assertThat(model.maxBatch()).isEqualTo(2);
            assertThat(model.predictX0(List.of(x, x), new float[] {0.5f, 0.5f}, List.of(cond, cond))).hasNumberOfRows(2);
            assertThatThrownBy(() -> model.predictX0(List.of(x, x, x), new float[] {0.5f, 0.5f, 0.5f},
                    List.of(cond, cond, cond)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("at most 2").hasMessageContaining(ModelSettings.MAX_BATCH);
            assertThatThrownBy(() -> model.predictX0(List.of(new float[5]), new float[] {0.5f}, List.of(cond)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x_t[0] has 5 values");
        }
    }

    @Test
    void samePairedInputsGiveTheSamePrediction() {
        try (DiffusionModel model = Checkpoint.openDiffusion(Fixtures.dir("tiny-diffusion"), Fixtures.settings())) {
            TextEmbedding red = model.encodeText("a red cube");
            TextEmbedding blue = model.encodeText("a blue sphere");
            float[] x = new float[model.latentSize()];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) Math.sin(i);
            }
            float[][] together = model.predictX0(List.of(x, x), new float[] {0.3f, 0.3f}, List.of(red, blue));
            float[][] alone = model.predictX0(List.of(x), new float[] {0.3f}, List.of(blue));
            assertThat(Reference.maxAbsDiff(together[1], alone[0])).as("batching must not change results")
                    .isLessThanOrEqualTo(ReferenceChecks.TOLERANCE);
            assertThat(Reference.maxAbsDiff(together[0], together[1])).as("the prompt must matter").isGreaterThan(0f);
        }
    }
}
