package dev.diffprobe.models.bench;

import dev.diffprobe.models.Checkpoint;
import dev.diffprobe.models.DiffusionModel;
import dev.diffprobe.models.ModelSettings;
import dev.diffprobe.models.TextEmbedding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Process RSS over many denoiser calls: a leak of native tensors (an NDArray outliving its call)
 * shows as RSS growing with the number of calls. Reads VmRSS from /proc/self/status (Linux).
 *
 * <p>Arguments: checkpoint reference, number of images, batch size, libtorch intra-op threads; it
 * runs on the CPU. Prints RSS after warm-up, at
 * every tenth of the run, and at the end, next to the Java heap's committed size (part of RSS,
 * grown by the JVM on its own schedule, so not a native leak).
 */
public final class DenoiserMemory {

    private static final int WARMUP_BATCHES = 20;

    private DenoiserMemory() {
    }

    public static void main(String[] args) {
        if (args.length != 4) {
            System.err.println("usage: DenoiserMemory <checkpoint> <images> <batch> <threads>");
            System.exit(2);
        }
        BenchArgs read = new BenchArgs("DenoiserMemory");
        long images = read.whole("images", args[1]);
        int batch = read.whole("batch", args[2]);
        ModelSettings settings = ModelSettings.defaults().withDevice(ModelSettings.DeviceChoice.CPU)
                .withThreads(read.whole("threads", args[3])).withMaxBatch(batch);
        read.run(() -> measure(args[0], settings, images, batch));
    }

    private static void measure(String checkpoint, ModelSettings settings, long images, int batch) throws IOException {
        long batches = (images + batch - 1) / batch;
        Random random = new Random(1);
        try (DiffusionModel model = Checkpoint.openDiffusion(checkpoint, settings)) {
            String[] prompts = {"a red cube", "a small blue sphere", "a large green cylinder", "a gray metal cube"};
            List<float[]> xt = new ArrayList<>();
            List<TextEmbedding> cond = new ArrayList<>();
            for (int i = 0; i < batch; i++) {
                xt.add(new float[model.latentSize()]);
                cond.add(model.encodeText(prompts[i % prompts.length]));
            }
            float[] t = new float[batch];
            for (int b = 0; b < WARMUP_BATCHES; b++) {
                call(model, xt, t, cond, random);
            }
            long start = System.nanoTime();
            System.out.printf("start\tbatches=0\timages=0\trss_kib=%d\theap_kib=%d%n", rssKib(), heapKib());
            for (long b = 1; b <= batches; b++) {
                call(model, xt, t, cond, random);
                if (b % Math.max(1, batches / 10) == 0 || b == batches) {
                    System.out.printf("progress\tbatches=%d\timages=%d\trss_kib=%d\theap_kib=%d\tseconds=%.0f%n",
                            b, b * batch, rssKib(), heapKib(), (System.nanoTime() - start) / 1e9);
                }
            }
            System.out.printf("end\tbatches=%d\timages=%d\trss_kib=%d\theap_kib=%d%n",
                    batches, batches * batch, rssKib(), heapKib());
        }
    }

    private static void call(DiffusionModel model, List<float[]> xt, float[] t, List<TextEmbedding> cond,
            Random random) {
        for (float[] x : xt) {
            for (int j = 0; j < x.length; j++) {
                x[j] = (float) random.nextGaussian();
            }
        }
        for (int i = 0; i < t.length; i++) {
            t[i] = random.nextFloat();
        }
        model.predictX0(xt, t, cond);
    }

    private static long heapKib() {
        return Runtime.getRuntime().totalMemory() / 1024;
    }

    private static long rssKib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no VmRSS line in /proc/self/status");
    }
}
