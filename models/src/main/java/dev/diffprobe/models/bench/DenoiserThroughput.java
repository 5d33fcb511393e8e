package dev.diffprobe.models.bench;

import dev.diffprobe.models.Checkpoint;
import dev.diffprobe.models.DiffusionModel;
import dev.diffprobe.models.ModelSettings;
import dev.diffprobe.models.TextEmbedding;
import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Denoiser images per second through {@link DiffusionModel#predictX0}, the path the classifier
 * uses (copies in and out and the x0 conversion included). models/bench/denoiser-bench.sh runs it
 * next to the same measurement in Python.
 *
 * <p>Arguments: checkpoint reference, libtorch intra-op threads, seconds to measure per batch size,
 * batch sizes; it runs on the CPU. Prints one
 * {@code batch<TAB>images per wall second<TAB>images per process CPU second} line per batch size.
 * The CPU figure is the one that survives a machine shared with other jobs: time spent waiting for
 * a core is not counted.
 */
public final class DenoiserThroughput {

    private static final int WARMUP_CALLS = 5;

    private DenoiserThroughput() {
    }

    public static void main(String[] args) {
        if (args.length < 4) {
            System.err.println("usage: DenoiserThroughput <checkpoint> <threads> <seconds per batch size> <batch>...");
            System.exit(2);
        }
        BenchArgs read = new BenchArgs("DenoiserThroughput");
        int threads = read.whole("threads", args[1]);
        double seconds = read.seconds("seconds per batch size", args[2]);
        int[] batches = new int[args.length - 3];
        int largest = 1;
        for (int i = 0; i < batches.length; i++) {
            batches[i] = read.whole("batch", args[i + 3]);
            largest = Math.max(largest, batches[i]);
        }
        ModelSettings settings = ModelSettings.defaults().withDevice(ModelSettings.DeviceChoice.CPU)
                .withThreads(threads).withMaxBatch(largest);
        read.run(() -> {
            try (DiffusionModel model = Checkpoint.openDiffusion(args[0], settings)) {
                for (int batch : batches) {
                    double[] rates = imagesPerSecond(model, batch, seconds);
                    System.out.printf("%d\t%.2f\t%.2f%n", batch, rates[0], rates[1]);
                }
            }
        });
    }

    /** Images per wall-clock second and per process CPU second. */
    static double[] imagesPerSecond(DiffusionModel model, int batch, double seconds) {
        Random random = new Random(batch);
        List<float[]> xt = new ArrayList<>();
        List<TextEmbedding> cond = new ArrayList<>();
        float[] t = new float[batch];
        String[] prompts = {"a red cube", "a small blue sphere", "a large green cylinder", "a gray metal cube"};
        for (int i = 0; i < batch; i++) {
            float[] x = new float[model.latentSize()];
            for (int j = 0; j < x.length; j++) {
                x[j] = (float) random.nextGaussian();
            }
            xt.add(x);
            cond.add(model.encodeText(prompts[i % prompts.length]));
            t[i] = 0.05f + 0.9f * random.nextFloat();
        }
        for (int i = 0; i < WARMUP_CALLS; i++) {
            model.predictX0(xt, t, cond);
        }
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuStart = os.getProcessCpuTime();
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        long calls = 0;
        long now;
        do {
            model.predictX0(xt, t, cond);
            calls++;
            now = System.nanoTime();
        } while (now < deadline);
        long cpu = os.getProcessCpuTime() - cpuStart;
        return new double[] {calls * batch / ((now - start) / 1e9), calls * batch / (cpu / 1e9)};
    }

}
