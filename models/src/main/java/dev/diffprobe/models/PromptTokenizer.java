package dev.diffprobe.models;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * A checkpoint's tokenizer.json, always padding to and truncating at max_text_length so that
 * every prompt becomes exactly the [L] ids the text encoder was exported for. It also names the
 * model's unknown token ({@code model.unk_token}), which DJL's tokenizer does not expose, so that
 * a prompt's out-of-vocabulary words can be counted before the model runs.
 */
final class PromptTokenizer implements AutoCloseable {
    /** CLIP's tokenizer.json is about 2 MB; snakeyaml's default limit is 3 MB of code points. */
    private static final int MAX_JSON_CODE_POINTS = 64 * 1024 * 1024;

    private final HuggingFaceTokenizer tokenizer;
    private final int length;
    private final Optional<String> unknownToken;

    private PromptTokenizer(HuggingFaceTokenizer tokenizer, int length, Optional<String> unknownToken) {
        this.tokenizer = tokenizer;
        this.length = length;
        this.unknownToken = unknownToken;
    }

    static PromptTokenizer load(ModelConfig config) {
        TorchRuntime.offline();
        Map<String, String> options = Map.of(
                "padding", "max_length",
                "truncation", "true",
                "maxLength", String.valueOf(config.maxTextLength()));
        try {
            return new PromptTokenizer(HuggingFaceTokenizer.newInstance(config.tokenizer(), options),
                    config.maxTextLength(), unknownToken(config));
        } catch (IOException | RuntimeException e) {
            throw new CheckpointException(config.label(),
                    config.tokenizer().getFileName() + " is not a usable tokenizer.json: " + e.getMessage(), e);
        }
    }

    /** {@code model.unk_token} of tokenizer.json (JSON is YAML, and snakeyaml is already here), if set. */
    private static Optional<String> unknownToken(ModelConfig config) throws IOException {
        String json = Files.readString(config.tokenizer(), StandardCharsets.UTF_8);
        LoadSettings settings = LoadSettings.builder().setCodePointLimit(MAX_JSON_CODE_POINTS).build();
        try {
            if (new Load(settings).loadFromString(json) instanceof Map<?, ?> root
                    && root.get("model") instanceof Map<?, ?> model
                    && model.get("unk_token") instanceof String unk && !unk.isEmpty()) {
                return Optional.of(unk);
            }
            return Optional.empty();
        } catch (YamlEngineException e) {
            throw new IOException("not JSON: " + e.getMessage(), e);
        }
    }

    PromptTokens tokenize(String prompt) {
        Encoding encoding = tokenizer.encode(prompt);
        long[] ids = encoding.getIds();
        if (ids.length != length) {
            throw new IllegalStateException(
                    "tokenizer gave " + ids.length + " ids for '" + prompt + "', expected " + length);
        }
        String[] tokens = encoding.getTokens();
        long[] mask = encoding.getAttentionMask();
        int own = 0;
        int unknown = 0;
        for (int i = 0; i < ids.length; i++) {
            if (mask[i] != 0) {
                own++;
                if (unknownToken.isPresent() && unknownToken.get().equals(tokens[i])) {
                    unknown++;
                }
            }
        }
        return new PromptTokens(ids, own, unknown, encoding.exceedMaxLength());
    }

    int length() {
        return length;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
