package dev.diffprobe.harness.study;

import dev.diffprobe.models.DiffusionModel;
import dev.diffprobe.models.NoiseSchedule;
import dev.diffprobe.models.PromptTokens;
import dev.diffprobe.models.TextEmbedding;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * The model as a classifier sees it, with one raw batch ({@link RawRate.Batch}) run after every
 * {@code every} of the classifier's predictX0 calls. On a shared machine the load drifts within
 * minutes, so a raw rate measured before or after a long run is not the rate the run could have
 * had; raw batches spread through the run meet the same load as the classifier's own calls, and
 * their ratio is what the run lost to its own work. Each side's wall and thread CPU time are kept
 * apart: with libtorch on one intra-op thread the forward pass runs on the calling thread, so
 * CPU time per image does not depend on how often the scheduler takes the core away.
 * Not thread-safe, like the model.
 */
final class InterleavedRawRate implements DiffusionModel {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Totals so far: raw images and the wall and thread CPU time their calls took. */
    record Totals(long rawImages, long rawNanos, long rawCpuNanos) {
        Totals minus(Totals before) {
            return new Totals(rawImages - before.rawImages, rawNanos - before.rawNanos,
                    rawCpuNanos - before.rawCpuNanos);
        }

        double imagesPerSecond() {
            return rawImages / (rawNanos / 1e9);
        }

        double imagesPerCpuSecond() {
            return rawImages / (rawCpuNanos / 1e9);
        }
    }

    private final DiffusionModel model;
    private final RawRate.Batch raw;
    private final int every;
    private long calls;
    private long rawImages;
    private long rawNanos;
    private long rawCpuNanos;

    InterleavedRawRate(DiffusionModel model, RawRate.Batch raw, int every) {
        if (every < 1) {
            throw new IllegalArgumentException("a raw batch every " + every + " calls: expected at least 1");
        }
        if (!THREADS.isCurrentThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM cannot measure thread CPU time");
        }
        this.model = model;
        this.raw = raw;
        this.every = every;
    }

    /** The calling thread's CPU time in ns. */
    static long cpuNanos() {
        return THREADS.getCurrentThreadCpuTime();
    }

    Totals totals() {
        return new Totals(rawImages, rawNanos, rawCpuNanos);
    }

    @Override
    public float[][] predictX0(List<float[]> xt, float[] t, List<TextEmbedding> cond) {
        float[][] x0 = model.predictX0(xt, t, cond);
        if (++calls % every == 0) {
            long cpu = cpuNanos();
            long start = System.nanoTime();
            raw.run(model);
            rawNanos += System.nanoTime() - start;
            rawCpuNanos += cpuNanos() - cpu;
            rawImages += raw.size();
        }
        return x0;
    }

    @Override
    public String name() {
        return model.name();
    }

    @Override
    public String fingerprint() {
        return model.fingerprint();
    }

    @Override
    public int resolution() {
        return model.resolution();
    }

    @Override
    public int latentSize() {
        return model.latentSize();
    }

    @Override
    public NoiseSchedule schedule() {
        return model.schedule();
    }

    @Override
    public int maxBatch() {
        return model.maxBatch();
    }

    @Override
    public float[] encodeImage(float[] pixels) {
        return model.encodeImage(pixels);
    }

    @Override
    public PromptTokens tokenize(String prompt) {
        return model.tokenize(prompt);
    }

    @Override
    public TextEmbedding encodeText(String prompt) {
        return model.encodeText(prompt);
    }

    /** The wrapped model belongs to the caller, who closes it. */
    @Override
    public void close() {
    }
}
