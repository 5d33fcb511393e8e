package dev.diffprobe.models;

/**
 * What a checkpoint's tokenizer makes of a prompt, before any network runs: the ids its text
 * encoder receives (padded to the max text length), how many of them are the prompt's own tokens
 * (padding excluded), how many of those are the tokenizer's unknown token, and whether the prompt
 * was cut to fit. A word-level tokenizer maps every word outside its vocabulary to the unknown
 * token, so prompts that differ only there reach the model as the same ids; byte-level tokenizers
 * (CLIP's BPE) have no unknown token and always report 0.
 */
public record PromptTokens(long[] ids, int tokens, int unknown, boolean truncated) {
    public PromptTokens {
        ids = ids.clone();
        if (tokens < 0 || unknown < 0 || unknown > tokens) {
            throw new IllegalArgumentException("prompt tokens: " + unknown + " unknown of " + tokens);
        }
    }

    @Override
    public long[] ids() {
        return ids.clone();
    }

    /** Whether every token of the prompt is unknown (an empty prompt is not). */
    public boolean allUnknown() {
        return tokens > 0 && unknown == tokens;
    }

    /** Whether two prompts reach the text encoder as the same ids. */
    public boolean sameIds(PromptTokens other) {
        return java.util.Arrays.equals(ids, other.ids);
    }
}
