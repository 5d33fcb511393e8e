package dev.diffprobe.models;

/** A CLIP-style checkpoint: images and prompts to vectors in one embedding space. */
public interface ContrastiveModel extends AutoCloseable {
    String name();

    String fingerprint();

    int resolution();

    /** RGB pixels [3, resolution, resolution] in [-1, 1] to an embedding. */
    float[] embedImage(float[] pixels);

    /**
     * The ids a prompt reaches the text encoder as, and how many of its tokens the checkpoint's
     * vocabulary does not know; no network runs. Whether a task's candidates can be told apart
     * at all is decided from this.
     */
    PromptTokens tokenize(String prompt);

    /** A prompt to an embedding; implementations cache per prompt. */
    float[] embedText(String prompt);

    @Override
    void close();
}
