package dev.diffprobe.harness.classify;

/**
 * What a {@link DiffusionClassifier} has asked of its model so far: denoiser calls made (images,
 * counting any computed for a candidate that was pruned before its result was used), the calls
 * that became scores, the number of batches, and the time spent inside the model's predictX0.
 */
public record BatchStats(long batches, long images, long usefulImages, long modelNanos) {
    /** Mean images per predictX0 call. */
    public double meanBatch() {
        return batches == 0 ? 0 : (double) images / batches;
    }
}
