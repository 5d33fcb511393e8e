package dev.diffprobe.models;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks a loaded checkpoint against its reference.json, so that a model.yaml contradicting its
 * weights (a v-model declared {@code prediction: epsilon}, a 32-pixel model declared
 * {@code resolution: 64}) is refused at load instead of scoring wrongly. A few forward passes on
 * the recorded inputs; a mismatch names the model.yaml field that explains it. A checkpoint
 * without reference.json loads with a warning, once per directory, that it is unverified.
 */
final class ReferenceCheck {

    /**
     * Largest accepted difference of the schedule's alpha_bar, computed in double on both sides,
     * and of any output of a float32 checkpoint; a half checkpoint's outputs are held to its
     * {@link Precision#tolerance()}, since reference.json records what the same half modules
     * computed in Python.
     */
    static final double TOLERANCE = Precision.FLOAT32.tolerance();

    private static final System.Logger LOG = System.getLogger(ReferenceCheck.class.getName());
    private static final Set<Path> WARNED = ConcurrentHashMap.newKeySet();

    private ReferenceCheck() {
    }

    /**
     * The reference of a checkpoint, or empty (with the once-per-directory warning) when it has none.
     * A checkpoint without one is refused on the CPU of a processor whose uncapped oneDNN kernels
     * miscompute: nothing else would notice its wrong numbers there.
     */
    static Optional<Reference> of(ModelConfig config, boolean onCpu, CpuKernels kernels) {
        Path file = config.directory().resolve(Reference.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            if (onCpu && kernels.needReference()) {
                throw new CheckpointException(config.label(), List.of("it has no " + Reference.FILE_NAME + ", and on"
                        + " this processor (" + kernels.processor() + ") libtorch's oneDNN miscomputes some convolutions"
                        + " unless " + CpuKernels.VARIABLE + "=" + CpuKernels.SAFE_CAP + " is set before the JVM"
                        + " starts (now " + kernels.cap().orElse("unset") + "), so its outputs cannot be trusted: set"
                        + " the variable, or add a " + Reference.FILE_NAME + " (models/README.md, 'CPUs whose oneDNN"
                        + " kernels miscompute')"));
            }
            if (WARNED.add(config.directory().toAbsolutePath().normalize())) {
                LOG.log(Level.WARNING, "checkpoint {0} has no {1}: its model.yaml is not checked against its"
                        + " weights (unverified checkpoint)", config.label(), Reference.FILE_NAME);
            }
            return Optional.empty();
        }
        try {
            return Optional.of(Reference.read(config.directory()));
        } catch (IOException | RuntimeException e) {
            throw new CheckpointException(config.label(), List.of(Reference.FILE_NAME + " cannot be read: "
                    + e.getMessage()));
        }
    }

    /** Every mismatch between a diffusion checkpoint's outputs and its reference, each naming a field. */
    static List<String> diffusion(DiffusionModel model, ModelConfig config, Reference reference) {
        List<String> problems = new ArrayList<>();
        try {
            tokens(config, reference, problems);
            textEmbeddings(model, config.precision().tolerance(), reference, problems);
            alphaBar(config, reference, problems);
            if (problems.isEmpty() && reference.has("predict_x0")) {
                predictX0(model, config, reference, problems);
            }
        } catch (IllegalArgumentException | ClassCastException | IndexOutOfBoundsException e) {
            problems.add(Reference.FILE_NAME + " does not fit this kind of checkpoint: " + e.getMessage());
        }
        return problems;
    }

    /** Every mismatch between a contrastive checkpoint's outputs and its reference. */
    static List<String> contrastive(ContrastiveModel model, ModelConfig config, Reference reference) {
        List<String> problems = new ArrayList<>();
        try {
            tokens(config, reference, problems);
            float[] expected = reference.floats("text_embeddings");
            List<String> prompts = reference.prompts();
            int dim = expected.length / prompts.size();
            for (int p = 0; p < prompts.size() && problems.isEmpty(); p++) {
                compare(model.embedText(prompts.get(p)), slice(expected, p, dim), TOLERANCE, "text embedding of '"
                        + prompts.get(p) + "'", "files." + ModelConfig.TEXT_ENCODER, problems);
            }
            List<Integer> images = reference.shape("image_encoder", "image");
            if (images.get(2) != config.resolution() || images.get(3) != config.resolution()) {
                problems.add("resolution: model.yaml says " + config.resolution() + ", but " + Reference.FILE_NAME
                        + " was made with " + images.get(2) + "x" + images.get(3) + " images");
                return problems;
            }
            float[] pixels = reference.floats("image_encoder", "image");
            float[] outputs = reference.floats("image_encoder", "output");
            int count = images.get(0);
            for (int i = 0; i < count && problems.isEmpty(); i++) {
                compare(model.embedImage(slice(pixels, i, pixels.length / count)), slice(outputs, i,
                        outputs.length / count), TOLERANCE, "image embedding " + i, "files." + ModelConfig.IMAGE_ENCODER, problems);
            }
        } catch (IllegalArgumentException | ClassCastException | IndexOutOfBoundsException e) {
            problems.add(Reference.FILE_NAME + " does not fit this kind of checkpoint: " + e.getMessage());
        }
        return problems;
    }

    private static void tokens(ModelConfig config, Reference reference, List<String> problems) {
        try (PromptTokenizer tokenizer = PromptTokenizer.load(config)) {
            List<String> prompts = reference.prompts();
            for (int p = 0; p < prompts.size(); p++) {
                long[] expected = reference.tokenIds(p);
                long[] actual = tokenizer.tokenize(prompts.get(p)).ids();
                if (expected.length != actual.length) {
                    problems.add("max_text_length: model.yaml says " + config.maxTextLength() + ", but "
                            + Reference.FILE_NAME + " was made with " + expected.length + " tokens per prompt");
                    return;
                }
                if (!Arrays.equals(expected, actual)) {
                    problems.add("tokenizer: " + config.directory().relativize(config.tokenizer()) + " gives "
                            + Arrays.toString(actual) + " for '" + prompts.get(p) + "', " + Reference.FILE_NAME
                            + " records " + Arrays.toString(expected));
                    return;
                }
            }
        }
    }

    private static void textEmbeddings(DiffusionModel model, double tolerance, Reference reference,
            List<String> problems) {
        if (!problems.isEmpty()) {
            return;
        }
        float[] expected = reference.floats("text_embeddings");
        List<String> prompts = reference.prompts();
        int size = expected.length / prompts.size();
        for (int p = 0; p < prompts.size() && problems.isEmpty(); p++) {
            compare(model.encodeText(prompts.get(p)).values(), slice(expected, p, size), tolerance,
                    "text encoder output for '" + prompts.get(p) + "'", "files." + ModelConfig.TEXT_ENCODER, problems);
        }
    }

    private static void alphaBar(ModelConfig config, Reference reference, List<String> problems) {
        NoiseSchedule schedule = Schedules.of(config.schedule());
        double[] n = reference.doubles("alpha_bar", "n");
        double[] values = reference.doubles("alpha_bar", "value");
        int last = config.schedule().trainTimesteps() - 1;
        for (int i = 0; i < n.length; i++) {
            double alpha = schedule.alpha(n[i] / last);
            if (Math.abs(alpha * alpha - values[i]) > TOLERANCE * Math.max(1, Math.abs(values[i]))) {
                problems.add(String.format(Locale.ROOT, "schedule: model.yaml's schedule gives alpha_bar %.6f at"
                        + " step %s, %s records %.6f", alpha * alpha, n[i], Reference.FILE_NAME, values[i]));
                return;
            }
        }
    }

    /**
     * x0 from the recorded denoiser inputs. When it differs, the recorded raw denoiser output tells
     * which field is wrong: converted with another prediction type it matches, or the denoiser
     * itself computes something else.
     */
    private static void predictX0(DiffusionModel model, ModelConfig config, Reference reference, List<String> problems) {
        List<Integer> xtShape = reference.shape("denoiser", "x_t");
        int batch = xtShape.get(0);
        int size = xtShape.get(1) * xtShape.get(2) * xtShape.get(3);
        if (size != model.latentSize()) {
            String field = config.space() == ModelConfig.Space.PIXEL ? "resolution" : "resolution (or channels)";
            problems.add(field + ": model.yaml says " + config.resolution() + " pixels and " + config.channels()
                    + " channels (" + model.latentSize() + " values per x_t), but " + Reference.FILE_NAME
                    + "'s denoiser inputs are " + xtShape.get(1) + "x" + xtShape.get(2) + "x" + xtShape.get(3));
            return;
        }
        float[] xt = reference.floats("denoiser", "x_t");
        float[] cond = reference.floats("denoiser", "cond");
        float[] raw = reference.floats("denoiser", "output");
        double[] t = reference.doubles("predict_x0", "t");
        float[] expected = reference.floats("predict_x0", "output");
        int condSize = cond.length / batch;
        int length = config.maxTextLength();
        List<float[]> inputs = new ArrayList<>();
        List<TextEmbedding> embeddings = new ArrayList<>();
        float[] times = new float[batch];
        for (int i = 0; i < batch; i++) {
            inputs.add(slice(xt, i, size));
            embeddings.add(new TextEmbedding("reference cond " + i, slice(cond, i, condSize), length,
                    condSize / length));
            times[i] = (float) t[i];
        }
        float[][] x0 = new float[batch][];
        for (int from = 0; from < batch; from += model.maxBatch()) {
            int to = Math.min(batch, from + model.maxBatch());
            float[][] part = model.predictX0(inputs.subList(from, to), Arrays.copyOfRange(times, from, to),
                    embeddings.subList(from, to));
            System.arraycopy(part, 0, x0, from, to - from);
        }
        NoiseSchedule schedule = model.schedule();
        double tolerance = config.precision().tolerance();
        for (int i = 0; i < batch; i++) {
            float[] want = slice(expected, i, size);
            if (close(x0[i], want, tolerance)) {
                continue;
            }
            double alpha = schedule.alpha(t[i]);
            double sigma = schedule.sigma(t[i]);
            if (!close(config.prediction().toX0(inputs.get(i), raw, i * size, alpha, sigma), want, tolerance)) {
                for (Prediction other : Prediction.values()) {
                    if (other != config.prediction() && close(other.toX0(inputs.get(i), raw, i * size, alpha, sigma), want,
                            tolerance)) {
                        problems.add("prediction: model.yaml says " + name(config.prediction()) + ", but the outputs"
                                + " " + Reference.FILE_NAME + " records are those of prediction: " + name(other));
                        return;
                    }
                }
            }
            problems.add(String.format(Locale.ROOT, "files.%s: x0 at t = %s differs from %s by up to %.4g"
                    + " (tolerance %.0e): the denoiser computes something else than the one the reference was made"
                    + " with, or this processor's libtorch kernels miscompute (models/README.md, 'CPUs whose oneDNN"
                    + " kernels miscompute')", ModelConfig.DENOISER, t[i], Reference.FILE_NAME, maxAbsDiff(x0[i], want), tolerance));
            return;
        }
        fullBatch(model, inputs, times, embeddings, expected, size, tolerance, problems);
    }

    /**
     * The recorded inputs again, repeated to fill one batch of {@link DiffusionModel#maxBatch()}:
     * kernels are chosen by shape, and a run's batches are that size, so a kernel that
     * miscomputes only there (tiny-fashion-diffusion gave NaN at batch 24 on one processor) is
     * caught at load too.
     */
    private static void fullBatch(DiffusionModel model, List<float[]> inputs, float[] times,
            List<TextEmbedding> embeddings, float[] expected, int size, double tolerance, List<String> problems) {
        int recorded = inputs.size();
        int batch = model.maxBatch();
        if (batch <= recorded) {
            return;
        }
        List<float[]> xs = new ArrayList<>();
        List<TextEmbedding> conds = new ArrayList<>();
        float[] ts = new float[batch];
        for (int i = 0; i < batch; i++) {
            xs.add(inputs.get(i % recorded));
            conds.add(embeddings.get(i % recorded));
            ts[i] = times[i % recorded];
        }
        float[][] x0 = model.predictX0(xs, ts, conds);
        for (int i = 0; i < batch; i++) {
            float[] want = slice(expected, i % recorded, size);
            if (!close(x0[i], want, tolerance)) {
                problems.add(String.format(Locale.ROOT, "files.%s: in a batch of %d, x0 of reference input %d differs"
                        + " from %s by up to %.4g (tolerance %.0e), while in a batch of %d it matches: this"
                        + " processor's libtorch kernels miscompute at this batch size (models/README.md, 'CPUs"
                        + " whose oneDNN kernels miscompute')", ModelConfig.DENOISER, batch, i % recorded,
                        Reference.FILE_NAME, maxAbsDiff(x0[i], want), tolerance, recorded));
                return;
            }
        }
    }

    private static String name(Prediction prediction) {
        return prediction.name().toLowerCase(Locale.ROOT);
    }

    private static void compare(float[] actual, float[] expected, double tolerance, String what, String field,
            List<String> problems) {
        if (actual.length != expected.length) {
            problems.add(field + ": " + what + " has " + actual.length + " values, " + Reference.FILE_NAME
                    + " records " + expected.length);
        } else if (!close(actual, expected, tolerance)) {
            problems.add(String.format(Locale.ROOT, "%s: %s differs from %s by up to %.4g (tolerance %.0e)", field,
                    what, Reference.FILE_NAME, maxAbsDiff(actual, expected), tolerance));
        }
    }

    /** Whether {@code actual} is within {@code tolerance} of {@code expected}, relative to max(1, max |expected|). */
    static boolean close(float[] actual, float[] expected, double tolerance) {
        if (actual.length != expected.length) {
            return false;
        }
        double scale = 1;
        for (float e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        return maxAbsDiff(actual, expected) <= tolerance * scale;
    }

    private static double maxAbsDiff(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            double d = Math.abs((double) a[i] - b[i]);
            max = Double.isNaN(d) ? Double.POSITIVE_INFINITY : Math.max(max, d);
        }
        return max;
    }

    private static float[] slice(float[] values, int index, int size) {
        return Arrays.copyOfRange(values, index * size, (index + 1) * size);
    }
}
