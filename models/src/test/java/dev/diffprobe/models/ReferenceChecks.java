package dev.diffprobe.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Java outputs against the Python outputs a checkpoint's reference.json records. */
final class ReferenceChecks {

    /** The agreed tolerance between libtorch called from Java and from Python (issue 3). */
    static final float TOLERANCE = 1e-4f;

    private ReferenceChecks() {
    }

    static void tokenIds(ModelConfig config, Reference reference) {
        try (PromptTokenizer tokenizer = PromptTokenizer.load(config)) {
            List<String> prompts = reference.prompts();
            for (int p = 0; p < prompts.size(); p++) {
                assertThat(tokenizer.tokenize(prompts.get(p)).ids())
                        .as("token ids of '%s'", prompts.get(p))
                        .containsExactly(reference.tokenIds(p));
            }
        }
    }

    static void diffusion(Path directory) throws IOException {
        ModelConfig config = ModelConfig.read(directory);
        Reference reference = Reference.read(directory);
        tokenIds(config, reference);
        alphaBar(config, reference);
        try (DiffusionModel model = Checkpoint.openDiffusion(directory, Fixtures.settings())) {
            textEmbeddings(model, reference);
            rawDenoiser(config, reference, model.encodeText(reference.prompts().get(0)).dim());
            if (reference.has("predict_x0")) {
                predictX0(model, config, reference);
            }
            if (reference.has("vae_encoder")) {
                vaeEncoder(model, config, reference);
            }
        }
    }

    static void contrastive(Path directory) throws IOException {
        ModelConfig config = ModelConfig.read(directory);
        Reference reference = Reference.read(directory);
        tokenIds(config, reference);
        try (ContrastiveModel model = Checkpoint.openContrastive(directory.toString(), Fixtures.settings())) {
            float[] expected = reference.floats("text_embeddings");
            List<String> prompts = reference.prompts();
            int dim = expected.length / prompts.size();
            for (int p = 0; p < prompts.size(); p++) {
                assertClose(model.embedText(prompts.get(p)), slice(expected, p, dim), "text embedding of " + prompts.get(p));
            }
            float[] images = reference.floats("image_encoder", "image");
            float[] outputs = reference.floats("image_encoder", "output");
            int count = reference.count("image_encoder", "image");
            for (int i = 0; i < count; i++) {
                assertClose(model.embedImage(slice(images, i, images.length / count)),
                        slice(outputs, i, outputs.length / count), "image embedding " + i);
            }
        }
    }

    private static void alphaBar(ModelConfig config, Reference reference) {
        NoiseSchedule schedule = Schedules.of(config.schedule());
        double[] n = reference.doubles("alpha_bar", "n");
        double[] values = reference.doubles("alpha_bar", "value");
        int last = config.schedule().trainTimesteps() - 1;
        for (int i = 0; i < n.length; i++) {
            double alpha = schedule.alpha(n[i] / last);
            assertThat(alpha * alpha).as("alpha_bar at n = %s", n[i]).isCloseTo(values[i], offset((double) TOLERANCE));
        }
    }

    private static void textEmbeddings(DiffusionModel model, Reference reference) {
        float[] expected = reference.floats("text_embeddings");
        List<String> prompts = reference.prompts();
        int size = expected.length / prompts.size();
        for (int p = 0; p < prompts.size(); p++) {
            assertClose(model.encodeText(prompts.get(p)).values(), slice(expected, p, size),
                    "text encoder output for '" + prompts.get(p) + "'");
        }
    }

    /** The denoiser file called directly, without the x0 conversion. */
    private static void rawDenoiser(ModelConfig config, Reference reference, int dim) {
        float[] xt = reference.floats("denoiser", "x_t");
        float[] timesteps = reference.floats("denoiser", "timestep");
        float[] cond = reference.floats("denoiser", "cond");
        int batch = timesteps.length;
        int side = (int) Math.round(Math.sqrt(xt.length / (double) (batch * config.channels())));
        try (NDManager manager = TorchRuntime.engine(Fixtures.settings().threads()).newBaseManager(Device.cpu());
                TorchModule denoiser = TorchModule.load(config.name(), config.file(ModelConfig.DENOISER), "test",
                        Device.cpu())) {
            float[] output = denoiser.forward(new NDList(
                            manager.create(xt, new Shape(batch, config.channels(), side, side)),
                            manager.create(timesteps),
                            manager.create(cond, new Shape(batch, config.maxTextLength(), dim))))
                    .singletonOrThrow().toFloatArray();
            assertClose(output, reference.floats("denoiser", "output"), "denoiser output");
        }
    }

    private static void predictX0(DiffusionModel model, ModelConfig config, Reference reference) {
        float[] xt = reference.floats("denoiser", "x_t");
        float[] cond = reference.floats("denoiser", "cond");
        double[] t = reference.doubles("predict_x0", "t");
        int batch = t.length;
        int condSize = cond.length / batch;
        List<float[]> inputs = new ArrayList<>();
        List<TextEmbedding> embeddings = new ArrayList<>();
        float[] times = new float[batch];
        for (int i = 0; i < batch; i++) {
            inputs.add(slice(xt, i, model.latentSize()));
            embeddings.add(new TextEmbedding("reference cond " + i, slice(cond, i, condSize),
                    config.maxTextLength(), condSize / config.maxTextLength()));
            times[i] = (float) t[i];
        }
        float[][] x0 = model.predictX0(inputs, times, embeddings);
        float[] expected = reference.floats("predict_x0", "output");
        for (int i = 0; i < batch; i++) {
            assertClose(x0[i], slice(expected, i, model.latentSize()), "x0 (" + config.prediction() + ") at t = " + t[i]);
        }
    }

    private static void vaeEncoder(DiffusionModel model, ModelConfig config, Reference reference) {
        float[] images = reference.floats("vae_encoder", "image");
        float[] means = reference.floats("vae_encoder", "output");
        int count = reference.count("vae_encoder", "image");
        for (int i = 0; i < count; i++) {
            float[] latent = model.encodeImage(slice(images, i, images.length / count));
            float[] expected = slice(means, i, means.length / count);
            for (int j = 0; j < expected.length; j++) {
                expected[j] *= (float) config.latentScale();
            }
            assertClose(latent, expected, "latent of image " + i);
        }
    }

    static float[] slice(float[] values, int index, int size) {
        return Arrays.copyOfRange(values, index * size, (index + 1) * size);
    }

    static void assertClose(float[] actual, float[] expected, String what) {
        assertThat(actual).as(what + ": length").hasSize(expected.length);
        assertThat(Reference.maxAbsDiff(actual, expected)).as(what + ": max |Java - Python|").isLessThanOrEqualTo(TOLERANCE);
    }
}
