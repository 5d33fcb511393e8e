package dev.diffprobe.models;

/** A prompt encoded by a checkpoint's text encoder: {@code length x dim} values, row-major. */
public record TextEmbedding(String prompt, float[] values, int length, int dim) {
}
