package dev.diffprobe.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * model.yaml's {@code dtype}: the half fixtures hold tiny-diffusion's weights cast to float16 and
 * bfloat16, so their x0 must follow the float32 original within the precision's tolerance.
 */
class PrecisionTest {

    @TempDir
    Path temp;

    @Test
    void absentIsFloat32() {
        assertThat(ModelConfig.read(Fixtures.dir("tiny-diffusion")).precision()).isEqualTo(Precision.FLOAT32);
        assertThat(ModelConfig.read(Fixtures.dir("tiny-diffusion-bfloat16")).precision()).isEqualTo(Precision.BFLOAT16);
        assertThat(ModelConfig.read(Fixtures.dir("tiny-diffusion-float16")).precision()).isEqualTo(Precision.FLOAT16);
    }

    @Test
    void declaredFloat32GivesTheSameBitsAsNoDeclaration() throws IOException {
        Path declared = Fixtures.copy("tiny-diffusion", temp);
        append(declared, "dtype: float32");
        try (DiffusionModel plain = open(Fixtures.dir("tiny-diffusion"));
                DiffusionModel float32 = open(declared)) {
            assertThat(x0(float32)).isDeepEqualTo(x0(plain));
        }
    }

    @ParameterizedTest(name = "dtype: {0} is refused, naming the key, the value and the allowed values")
    @ValueSource(strings = {"float64", "half", "int8"})
    void refusesAnUnknownDtype(String word) throws IOException {
        Path directory = Fixtures.copy("tiny-diffusion", temp);
        append(directory, "dtype: " + word);
        assertThatThrownBy(() -> ModelConfig.read(directory))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("'dtype' is '" + word + "', expected one of float32, float16, bfloat16");
    }

    @ParameterizedTest(name = "dtype: {0}, not a word, is refused listing the allowed values")
    @ValueSource(strings = {"16", "16.0", "true", "[float16]", "{bits: 16}"})
    void refusesADtypeThatIsNotAWord(String value) throws IOException {
        Path directory = Fixtures.copy("tiny-diffusion", temp);
        append(directory, "dtype: " + value);
        assertThatThrownBy(() -> ModelConfig.read(directory))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("'dtype' is ")
                .hasMessageContaining("expected one of float32, float16, bfloat16");
    }

    @Test
    void refusesHalfPrecisionForAContrastiveCheckpoint() throws IOException {
        Path directory = Fixtures.copy("tiny-contrastive", temp);
        append(directory, "dtype: bfloat16");
        assertThatThrownBy(() -> ModelConfig.read(directory))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("'dtype' is 'bfloat16', expected float32 for a contrastive checkpoint");
    }

    @Test
    void bfloat16FollowsFloat32OfTheSameWeights() {
        assertFollowsFloat32("tiny-diffusion-bfloat16", Precision.BFLOAT16);
    }

    @Test
    void float16FollowsFloat32OfTheSameWeights() {
        assertFollowsFloat32("tiny-diffusion-float16", Precision.FLOAT16);
    }

    /** The reference check must still see a wrong field through bfloat16's wider tolerance. */
    @Test
    void bfloat16ReferenceStillCatchesAWrongPrediction() throws IOException {
        Path directory = Fixtures.copy("tiny-diffusion-bfloat16", temp);
        BrokenCheckpointTest.edit(directory, "prediction: epsilon", "prediction: v");
        assertThatThrownBy(() -> open(directory).close())
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("prediction: model.yaml says v, but the outputs reference.json records are those"
                        + " of prediction: epsilon");
    }

    private static void assertFollowsFloat32(String fixture, Precision precision) {
        try (DiffusionModel reference = open(Fixtures.dir("tiny-diffusion"));
                DiffusionModel half = open(Fixtures.dir(fixture))) {
            float[][] expected = x0(reference);
            float[][] actual = x0(half);
            for (int i = 0; i < expected.length; i++) {
                assertThat(ReferenceCheck.close(actual[i], expected[i], precision.tolerance()))
                        .as("%s x0 %d within %s of float32 (largest difference %s)", fixture, i,
                                precision.tolerance(), Reference.maxAbsDiff(actual[i], expected[i]))
                        .isTrue();
                assertThat(actual[i]).as("%s computes in its own precision", fixture).isNotEqualTo(expected[i]);
            }
        }
    }

    private static DiffusionModel open(Path directory) {
        return Checkpoint.openDiffusion(directory, Fixtures.settings());
    }

    /** x0 of a few fixed inputs across the schedule and two prompts. */
    private static float[][] x0(DiffusionModel model) {
        List<float[]> xt = new ArrayList<>();
        List<TextEmbedding> cond = new ArrayList<>();
        float[] t = {0.02f, 0.3f, 0.6f, 0.95f};
        for (int i = 0; i < t.length; i++) {
            float[] x = new float[model.latentSize()];
            for (int j = 0; j < x.length; j++) {
                x[j] = (float) Math.sin(1 + i * 7 + j);
            }
            xt.add(x);
            cond.add(model.encodeText(i % 2 == 0 ? "a red cube" : "a large green cylinder"));
        }
        return model.predictX0(xt, t, cond);
    }

    private static void append(Path directory, String line) throws IOException {
        Files.writeString(directory.resolve(ModelConfig.FILE_NAME), line + "\n", StandardOpenOption.APPEND);
    }
}
