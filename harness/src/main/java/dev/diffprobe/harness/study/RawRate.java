package dev.diffprobe.harness.study;

import dev.diffprobe.models.DiffusionModel;
import dev.diffprobe.models.TextEmbedding;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The denoiser's own speed: predictX0 on ready-made inputs at several batch sizes, with nothing
 * of the classifier around it. The study compares the classifier's realized rate against the
 * best of these.
 */
final class RawRate {
    /** TorchScript's profiling executor optimises a graph only after its first calls at a shape. */
    private static final int WARM_UP_CALLS = 5;

    /** Images/s at one batch size. */
    record Point(int batch, double imagesPerSecond) {
    }

    /** One ready-made predictX0 batch: uniform x_t in [-1, 1], t in (0, 1), the prompts in turn. */
    record Batch(List<float[]> xt, float[] t, List<TextEmbedding> cond) {
        static Batch of(DiffusionModel model, List<TextEmbedding> prompts, int size, SplittableRandom random) {
            List<float[]> xt = new ArrayList<>();
            float[] t = new float[size];
            List<TextEmbedding> cond = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                float[] x = new float[model.latentSize()];
                for (int j = 0; j < x.length; j++) {
                    x[j] = (float) (random.nextDouble() * 2 - 1);
                }
                xt.add(x);
                t[i] = (float) random.nextDouble(0.001, 0.999);
                cond.add(prompts.get(i % prompts.size()));
            }
            return new Batch(xt, t, cond);
        }

        int size() {
            return t.length;
        }

        void run(DiffusionModel model) {
            model.predictX0(xt, t, cond);
        }
    }

    private RawRate() {
    }

    /**
     * @param seconds wall time spent per batch size, after the warm-up calls
     * @param warmUp   false when the model has already run at these batch sizes
     */
    static List<Point> measure(DiffusionModel model, List<TextEmbedding> prompts, int[] batches, double seconds,
                               boolean warmUp) {
        SplittableRandom random = new SplittableRandom(1);
        List<Point> points = new ArrayList<>();
        for (int size : batches) {
            if (size > model.maxBatch()) {
                continue;
            }
            Batch batch = Batch.of(model, prompts, size, random);
            for (int warm = 0; warmUp && warm < WARM_UP_CALLS; warm++) {
                batch.run(model);
            }
            long images = 0;
            long start = System.nanoTime();
            long deadline = start + (long) (seconds * 1e9);
            do {
                batch.run(model);
                images += size;
            } while (System.nanoTime() < deadline);
            points.add(new Point(size, images / ((System.nanoTime() - start) / 1e9)));
        }
        return points;
    }
}
