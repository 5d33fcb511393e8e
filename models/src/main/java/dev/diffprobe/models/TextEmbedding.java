package dev.diffprobe.models;

/**
 * A prompt encoded by a checkpoint's text encoder: {@code length x dim} values, row-major.
 *
 * @param truncated whether the prompt had more tokens than the checkpoint's max text length and
 *     was cut (the embedding then describes only its beginning)
 */
public record TextEmbedding(String prompt, float[] values, int length, int dim, boolean truncated) {

    /** An embedding of a prompt that fitted the text encoder. */
    public TextEmbedding(String prompt, float[] values, int length, int dim) {
        this(prompt, values, length, dim, false);
    }
}
