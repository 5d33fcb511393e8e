package dev.diffprobe.models;

import java.util.List;

/**
 * A text-conditioned diffusion checkpoint as the classifier sees it. Arrays are flattened CHW
 * floats so that the classifier core does not depend on DJL and can be tested with fakes.
 * Implementations are not thread-safe (DJL predictors are not).
 */
public interface DiffusionModel extends AutoCloseable {
    String name();

    /** A stable hash of the checkpoint's files; journals key on it. */
    String fingerprint();

    /** Image side in pixels that {@link #encodeImage} expects. */
    int resolution();

    /** Number of values of one encoded image x (C*H*W of pixel or latent space). */
    int latentSize();

    NoiseSchedule schedule();

    /** Most images one {@link #predictX0} call may take. */
    int maxBatch();

    /** RGB pixels [3, resolution, resolution] in [-1, 1] to x (the pixels, or the VAE latent mean times scale). */
    float[] encodeImage(float[] pixels);

    /**
     * The ids a prompt reaches the text encoder as, and how many of its tokens the checkpoint's
     * vocabulary does not know; no network runs. Whether a task's candidates can be told apart
     * at all is decided from this.
     */
    PromptTokens tokenize(String prompt);

    /** Encodes a prompt; implementations cache per prompt. */
    TextEmbedding encodeText(String prompt);

    /**
     * The denoiser's estimate of x_0 for each noised input, whatever the checkpoint predicts
     * (epsilon, v or x0). All lists have the same length, at most {@link #maxBatch()}.
     */
    float[][] predictX0(List<float[]> xt, float[] t, List<TextEmbedding> cond);

    @Override
    void close();
}
