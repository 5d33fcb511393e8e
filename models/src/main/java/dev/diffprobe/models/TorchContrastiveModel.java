package dev.diffprobe.models;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A CLIP-style checkpoint run by libtorch through DJL; one sub-manager per call. Not thread-safe. */
final class TorchContrastiveModel implements ContrastiveModel {

    private static final System.Logger LOG = System.getLogger(TorchContrastiveModel.class.getName());

    private final ModelConfig config;
    private final String fingerprint;
    private final NDManager base;
    private final PromptTokenizer tokenizer;
    private final TorchModule textEncoder;
    private final TorchModule imageEncoder;
    private final Map<String, float[]> embeddings = new HashMap<>();

    private TorchContrastiveModel(ModelConfig config, String fingerprint, NDManager base, PromptTokenizer tokenizer,
            TorchModule textEncoder, TorchModule imageEncoder) {
        this.config = config;
        this.fingerprint = fingerprint;
        this.base = base;
        this.tokenizer = tokenizer;
        this.textEncoder = textEncoder;
        this.imageEncoder = imageEncoder;
    }

    /** Loads both encoders and checks that they map into one embedding space of the same width. */
    static TorchContrastiveModel load(ModelConfig config, String fingerprint, Device device) {
        NDManager base = TorchRuntime.engine().newBaseManager(device);
        try (ModuleSet modules = new ModuleSet(base)) {
            PromptTokenizer tokenizer = modules.add(PromptTokenizer.load(config));
            int length = config.maxTextLength();
            int side = config.resolution();
            TorchModule textEncoder = modules.add(TorchModule.load(config.label(), config.file(ModelConfig.TEXT_ENCODER),
                    "forward(ids: int64 [B, " + length + "]) -> float32 [B, E]", device));
            TorchModule imageEncoder = modules.add(TorchModule.load(config.label(),
                    config.file(ModelConfig.IMAGE_ENCODER),
                    "forward(pixels: float32 [B, 3, " + side + ", " + side + "]) -> float32 [B, E]", device));
            try (NDManager dry = base.newSubManager()) {
                long textDim = textEncoder.check(new NDList(dry.zeros(new Shape(2, length), DataType.INT64)), 2, 2)
                        .get(1);
                long imageDim = imageEncoder.check(new NDList(dry.zeros(new Shape(2, 3, side, side))), 2, 2)
                        .get(1);
                if (textDim != imageDim) {
                    throw new CheckpointException(config.label(), List.of("text embeddings have " + textDim
                            + " values but image embeddings " + imageDim + "; both encoders must map into one space"));
                }
            }
            modules.keep();
            return new TorchContrastiveModel(config, fingerprint, base, tokenizer, textEncoder, imageEncoder);
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
    public float[] embedImage(float[] pixels) {
        int side = config.resolution();
        if (pixels.length != 3 * side * side) {
            throw new IllegalArgumentException("embedImage takes 3x" + side + "x" + side + " = " + 3 * side * side
                    + " values for checkpoint " + name() + ", got " + pixels.length);
        }
        try (NDManager call = base.newSubManager()) {
            return imageEncoder.forward(new NDList(call.create(pixels, new Shape(1, 3, side, side))))
                    .singletonOrThrow().toFloatArray();
        }
    }

    @Override
    public PromptTokens tokenize(String prompt) {
        return tokenizer.tokenize(prompt);
    }

    @Override
    public float[] embedText(String prompt) {
        float[] cached = embeddings.get(prompt);
        if (cached != null) {
            return cached;
        }
        PromptTokens tokens = tokenizer.tokenize(prompt);
        if (tokens.truncated()) {
            LOG.log(Level.WARNING, "prompt ''{0}'' has more than {1} tokens; checkpoint {2} sees only the first {1}",
                    prompt, tokenizer.length(), name());
        }
        float[] embedding;
        try (NDManager call = base.newSubManager()) {
            embedding = textEncoder.forward(new NDList(call.create(tokens.ids(), new Shape(1, tokens.ids().length))))
                    .singletonOrThrow().toFloatArray();
        }
        embeddings.put(prompt, embedding);
        return embedding;
    }

    @Override
    public void close() {
        tokenizer.close();
        textEncoder.close();
        imageEncoder.close();
        base.close();
    }
}
