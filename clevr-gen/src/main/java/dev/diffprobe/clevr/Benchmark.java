package dev.diffprobe.clevr;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;

/**
 * Throughput of sampling, rendering and PNG-encoding two-object binding scenes, per image size.
 * Usage: {@code Benchmark [THREADS] [SECONDS] [SIZE...]} (defaults: 2 threads, 10 s per size,
 * sizes 32 64 128). Each size first runs a warm-up of a third of the time, so the JIT has
 * compiled the tracer before it is timed; PNGs are encoded in memory, not written to disk.
 * Besides wall-clock throughput it reports the CPU time the workers spent per scene, and the
 * rate that implies on as many idle cores as threads: on a shared machine the wall-clock rate
 * measures the neighbours as much as the renderer.
 */
public final class Benchmark {
    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        int threads;
        double seconds;
        List<Integer> sizes = new ArrayList<>();
        try {
            threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
            seconds = args.length > 1 ? Double.parseDouble(args[1]) : 10;
            for (int i = 2; i < args.length; i++) {
                sizes.add(Integer.parseInt(args[i]));
            }
        } catch (NumberFormatException e) {
            System.err.println("Benchmark: arguments are THREADS SECONDS SIZE...: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (threads < 1 || !(seconds > 0) || sizes.stream().anyMatch(s -> s < 1)) {
            System.err.println("Benchmark: THREADS, SECONDS and every SIZE must be positive");
            System.exit(2);
        }
        if (sizes.isEmpty()) {
            sizes = List.of(32, 64, 128);
        }
        System.out.printf(Locale.ROOT, "threads=%d, %d cores available, %.0f s per size%n",
                threads, Runtime.getRuntime().availableProcessors(), seconds);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int size : sizes) {
                measure(pool, threads, size, seconds / 3);
                double[] result = measure(pool, threads, size, seconds);
                System.out.printf(Locale.ROOT, "%4d px: %7.0f scenes/s wall, %.3f CPU ms/scene, %7.0f scenes/s on %d idle cores%n",
                        size, result[0], result[1], threads * 1000 / result[1], threads);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Wall-clock scenes/s and CPU milliseconds per scene. */
    private static double[] measure(ExecutorService pool, int threads, int size, double seconds)
            throws InterruptedException, ExecutionException {
        SceneSampler sampler = SceneSampler.forBinding();
        Renderer renderer = new Renderer();
        AtomicLong next = new AtomicLong();
        AtomicLong cpuNanos = new AtomicLong();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                ByteArrayOutputStream png = new ByteArrayOutputStream();
                long cpuStart = cpu.getCurrentThreadCpuTime();
                while (System.nanoTime() < deadline) {
                    png.reset();
                    try {
                        ImageIO.write(renderer.render(sampler.sample(1, next.getAndIncrement()), size), "png", png);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                cpuNanos.addAndGet(cpu.getCurrentThreadCpuTime() - cpuStart);
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        long scenes = next.get();
        return new double[] {scenes / ((System.nanoTime() - start) / 1e9), cpuNanos.get() / 1e6 / scenes};
    }
}
