package dev.diffprobe.models;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.util.Map;

/**
 * A checkpoint's tokenizer.json, always padding to and truncating at max_text_length so that
 * every prompt becomes exactly the [L] ids the text encoder was exported for.
 */
final class PromptTokenizer implements AutoCloseable {

    /** Token ids of one prompt, and whether it had to be cut to fit. */
    record Tokens(long[] ids, boolean truncated) {
    }

    private final HuggingFaceTokenizer tokenizer;
    private final int length;

    private PromptTokenizer(HuggingFaceTokenizer tokenizer, int length) {
        this.tokenizer = tokenizer;
        this.length = length;
    }

    static PromptTokenizer load(ModelConfig config) {
        TorchRuntime.offline();
        Map<String, String> options = Map.of(
                "padding", "max_length",
                "truncation", "true",
                "maxLength", String.valueOf(config.maxTextLength()));
        try {
            return new PromptTokenizer(
                    HuggingFaceTokenizer.newInstance(config.tokenizer(), options), config.maxTextLength());
        } catch (IOException | RuntimeException e) {
            throw new CheckpointException(config.label(),
                    config.tokenizer().getFileName() + " is not a usable tokenizer.json: " + e.getMessage(), e);
        }
    }

    Tokens tokenize(String prompt) {
        Encoding encoding = tokenizer.encode(prompt);
        long[] ids = encoding.getIds();
        if (ids.length != length) {
            throw new IllegalStateException(
                    "tokenizer gave " + ids.length + " ids for '" + prompt + "', expected " + length);
        }
        return new Tokens(ids, encoding.exceedMaxLength());
    }

    int length() {
        return length;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
