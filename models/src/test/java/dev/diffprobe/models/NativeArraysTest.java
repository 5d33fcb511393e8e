package dev.diffprobe.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Native tensors are freed per call: a long classifier run must not accumulate them. */
class NativeArraysTest {
    private static final int CALLS = 40;

    @Test
    void noCallLeavesAnArrayBehind() {
        try (TorchDiffusionModel model = (TorchDiffusionModel) Checkpoint.openDiffusion(Fixtures.dir("tiny-latent"),
                Fixtures.settings())) {
            int afterLoad = model.liveArrays();
            float[] pixels = new float[3 * model.resolution() * model.resolution()];
            List<float[]> xt = new ArrayList<>();
            List<TextEmbedding> cond = new ArrayList<>();
            float[] t = new float[4];
            for (int i = 0; i < t.length; i++) {
                xt.add(new float[model.latentSize()]);
                cond.add(model.encodeText("a red cube " + i));
                t[i] = 0.2f * (i + 1);
            }
            for (int call = 0; call < CALLS; call++) {
                model.encodeImage(pixels);
                model.encodeText("prompt " + call);
                model.predictX0(xt, t, cond);
                model.predictX0(xt.subList(0, 1 + call % xt.size()), new float[1 + call % xt.size()],
                        cond.subList(0, 1 + call % xt.size()));
            }
            assertThat(model.liveArrays()).as("arrays attached to the model's managers after %d calls of each kind",
                    CALLS).isEqualTo(afterLoad);
        }
    }
}
