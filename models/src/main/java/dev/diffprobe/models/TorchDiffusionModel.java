package dev.diffprobe.models;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A diffusion checkpoint run by libtorch through DJL. Every call works inside its own sub-manager
 * of one base manager, so native memory is freed when the call returns, however long the run.
 * Not thread-safe.
 */
final class TorchDiffusionModel implements DiffusionModel {

    private static final System.Logger LOG = System.getLogger(TorchDiffusionModel.class.getName());

    private final ModelConfig config;
    private final String fingerprint;
    private final NoiseSchedule schedule;
    private final int maxBatch;
    private final NDManager base;
    private final PromptTokenizer tokenizer;
    private final TorchModule textEncoder;
    private final TorchModule denoiser;
    private final TorchModule vaeEncoder;
    private final Shape latentShape;
    private final int embeddingDim;
    private final Map<String, TextEmbedding> embeddings = new HashMap<>();

    private TorchDiffusionModel(ModelConfig config, String fingerprint, int maxBatch, NDManager base,
            PromptTokenizer tokenizer, TorchModule textEncoder, TorchModule denoiser, TorchModule vaeEncoder,
            Shape latentShape, int embeddingDim) {
        this.config = config;
        this.fingerprint = fingerprint;
        this.schedule = Schedules.of(config.schedule());
        this.maxBatch = maxBatch;
        this.base = base;
        this.tokenizer = tokenizer;
        this.textEncoder = textEncoder;
        this.denoiser = denoiser;
        this.vaeEncoder = vaeEncoder;
        this.latentShape = latentShape;
        this.embeddingDim = embeddingDim;
    }

    /** Loads every file of a validated diffusion config and dry-runs each with the declared shapes. */
    static TorchDiffusionModel load(ModelConfig config, String fingerprint, Device device, int maxBatch) {
        NDManager base = TorchRuntime.engine().newBaseManager(device);
        try (ModuleSet modules = new ModuleSet(base)) {
            PromptTokenizer tokenizer = modules.add(PromptTokenizer.load(config));
            int length = config.maxTextLength();
            TorchModule textEncoder = modules.add(TorchModule.load(config.label(), config.file(ModelConfig.TEXT_ENCODER),
                    "forward(ids: int64 [B, " + length + "]) -> float32 [B, " + length + ", D]", device));
            TorchModule vaeEncoder = null;
            Shape latent = new Shape(config.channels(), config.resolution(), config.resolution());
            int dim;
            try (NDManager dry = base.newSubManager()) {
                dim = (int) textEncoder.check(new NDList(dry.zeros(new Shape(2, length), DataType.INT64)),
                        3, 2, length).get(2);
                if (config.space() == ModelConfig.Space.LATENT) {
                    vaeEncoder = modules.add(TorchModule.load(config.label(), config.file(ModelConfig.VAE_ENCODER),
                            "forward(image: float32 [B, 3, " + config.resolution() + ", " + config.resolution()
                                    + "] in [-1, 1]) -> float32 [B, " + config.channels() + ", h, w]", device));
                    Shape out = vaeEncoder.check(
                            new NDList(dry.zeros(new Shape(2, 3, config.resolution(), config.resolution()))),
                            4, 2, config.channels());
                    latent = new Shape(config.channels(), out.get(2), out.get(3));
                }
            }
            TorchModule denoiser = modules.add(TorchModule.load(config.label(), config.file(ModelConfig.DENOISER),
                    "forward(x_t: float32 [B, " + join(latent) + "], timestep: float32 [B], cond: float32 [B, "
                            + length + ", " + dim + "]) -> float32 [B, " + join(latent) + "]", device));
            try (NDManager dry = base.newSubManager()) {
                NoiseSchedule schedule = Schedules.of(config.schedule());
                denoiser.check(new NDList(
                                dry.zeros(new Shape(2, latent.get(0), latent.get(1), latent.get(2))),
                                dry.create(new float[] {schedule.timestep(0.25), schedule.timestep(0.75)}),
                                dry.zeros(new Shape(2, length, dim))),
                        4, 2, latent.get(0), latent.get(1), latent.get(2));
            }
            modules.keep();
            return new TorchDiffusionModel(config, fingerprint, maxBatch, base, tokenizer, textEncoder, denoiser,
                    vaeEncoder, latent, dim);
        }
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public String fingerprint() {
        return fingerprint;
    }

    @Override
    public int resolution() {
        return config.resolution();
    }

    @Override
    public int latentSize() {
        return (int) latentShape.size();
    }

    @Override
    public NoiseSchedule schedule() {
        return schedule;
    }

    @Override
    public int maxBatch() {
        return maxBatch;
    }

    @Override
    public float[] encodeImage(float[] pixels) {
        int side = config.resolution();
        if (pixels.length != 3 * side * side) {
            throw new IllegalArgumentException("encodeImage takes 3x" + side + "x" + side + " = " + 3 * side * side
                    + " values for checkpoint " + name() + ", got " + pixels.length);
        }
        if (vaeEncoder == null) {
            return pixels.clone();
        }
        try (NDManager call = base.newSubManager()) {
            NDList out = vaeEncoder.forward(new NDList(call.create(pixels, new Shape(1, 3, side, side))));
            float[] latent = out.singletonOrThrow().toFloatArray();
            for (int i = 0; i < latent.length; i++) {
                latent[i] *= (float) config.latentScale();
            }
            return latent;
        }
    }

    @Override
    public PromptTokens tokenize(String prompt) {
        return tokenizer.tokenize(prompt);
    }

    @Override
    public TextEmbedding encodeText(String prompt) {
        TextEmbedding cached = embeddings.get(prompt);
        if (cached != null) {
            return cached;
        }
        PromptTokens tokens = tokenizer.tokenize(prompt);
        if (tokens.truncated()) {
            LOG.log(Level.WARNING, "prompt ''{0}'' has more than {1} tokens; checkpoint {2} sees only the first {1}",
                    prompt, tokenizer.length(), name());
        }
        float[] values;
        try (NDManager call = base.newSubManager()) {
            values = textEncoder.forward(new NDList(call.create(tokens.ids(), new Shape(1, tokens.ids().length))))
                    .singletonOrThrow().toFloatArray();
        }
        TextEmbedding embedding = new TextEmbedding(prompt, values, tokenizer.length(), embeddingDim, tokens.truncated());
        embeddings.put(prompt, embedding);
        return embedding;
    }

    @Override
    public float[][] predictX0(List<float[]> xt, float[] t, List<TextEmbedding> cond) {
        int batch = xt.size();
        if (batch == 0 || t.length != batch || cond.size() != batch) {
            throw new IllegalArgumentException("predictX0 needs equally many x_t, t and cond (at least one), got "
                    + batch + ", " + t.length + ", " + cond.size());
        }
        if (batch > maxBatch) {
            throw new IllegalArgumentException("predictX0 takes at most " + maxBatch + " images ("
                    + ModelSettings.MAX_BATCH + "), got " + batch);
        }
        int size = latentSize();
        int condSize = tokenizer.length() * embeddingDim;
        float[] x = new float[batch * size];
        float[] timesteps = new float[batch];
        float[] c = new float[batch * condSize];
        for (int i = 0; i < batch; i++) {
            if (xt.get(i).length != size) {
                throw new IllegalArgumentException("x_t[" + i + "] has " + xt.get(i).length + " values, checkpoint "
                        + name() + " takes " + size);
            }
            TextEmbedding embedding = cond.get(i);
            if (embedding.values().length != condSize) {
                throw new IllegalArgumentException("cond[" + i + "] ('" + embedding.prompt() + "') has "
                        + embedding.values().length + " values, checkpoint " + name() + " takes " + condSize);
            }
            System.arraycopy(xt.get(i), 0, x, i * size, size);
            System.arraycopy(embedding.values(), 0, c, i * condSize, condSize);
            timesteps[i] = schedule.timestep(t[i]);
        }
        float[] out;
        try (NDManager call = base.newSubManager()) {
            NDList inputs = new NDList(
                    call.create(x, new Shape(batch, latentShape.get(0), latentShape.get(1), latentShape.get(2))),
                    call.create(timesteps),
                    call.create(c, new Shape(batch, tokenizer.length(), embeddingDim)));
            NDArray output = denoiser.forward(inputs).singletonOrThrow();
            Shape expected = new Shape(batch, latentShape.get(0), latentShape.get(1), latentShape.get(2));
            if (!output.getShape().equals(expected)) {
                throw new ModelOutputShapeException("denoiser of checkpoint " + name() + " returned "
                        + output.getShape() + " for a batch of " + batch + ", expected " + expected);
            }
            out = output.toFloatArray();
        }
        float[][] x0 = new float[batch][];
        for (int i = 0; i < batch; i++) {
            x0[i] = config.prediction().toX0(xt.get(i), out, i * size, schedule.alpha(t[i]), schedule.sigma(t[i]));
        }
        return x0;
    }

    /**
     * NDArrays still attached to this model's managers. Every call frees its arrays on return, so
     * this stays at its value after load however many calls follow; an array that outlived its
     * call would hold native memory for the rest of the run.
     */
    int liveArrays() {
        return base.getManagedArrays().size();
    }

    @Override
    public void close() {
        tokenizer.close();
        textEncoder.close();
        denoiser.close();
        if (vaeEncoder != null) {
            vaeEncoder.close();
        }
        base.close();
    }

    private static String join(Shape shape) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < shape.dimension(); i++) {
            text.append(i > 0 ? ", " : "").append(shape.get(i));
        }
        return text.toString();
    }
}
