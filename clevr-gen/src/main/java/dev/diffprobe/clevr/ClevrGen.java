package dev.diffprobe.clevr;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;

/**
 * The command line: renders {@code --count} scenes into {@code DIR/images/NNNNNN.png}, with
 * {@code DIR/scenes.jsonl} and, with {@code --captions N}, {@code DIR/captions.jsonl}. Workers
 * render scenes in any order; lines are written in index order, so the output is byte-identical
 * whatever {@code --threads}. See {@link Options} for the settings.
 */
public final class ClevrGen {
    /** Scenes handed to the workers at a time; bounds memory and keeps lines in order. */
    private static final int BATCH = 256;
    private static final long PROGRESS_INTERVAL_NANOS = 500_000_000L;

    private final Options options;
    private final PrintStream err;
    private final Renderer renderer = new Renderer();
    private final CaptionGenerator captions = new CaptionGenerator();

    ClevrGen(Options options, PrintStream err) {
        this.options = options;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.err));
    }

    /** Runs the CLI and returns its exit status: 0 done, 2 bad arguments, 1 failed while generating. */
    public static int run(String[] args, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (UsageException e) {
            err.println("clevr-gen: " + e.getMessage());
            return 2;
        }
        try {
            new ClevrGen(options, err).generate();
            return 0;
        } catch (IOException | UncheckedIOException e) {
            err.println("clevr-gen: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            err.println("clevr-gen: failed: " + e.getMessage());
            return 1;
        }
    }

    void generate() throws IOException {
        Path images = prepare(options.out());
        SceneSampler sampler = options.sampler();
        int digits = Math.max(6, Integer.toString(options.count() - 1).length());
        ExecutorService pool = Executors.newFixedThreadPool(options.threads());
        long start = System.nanoTime();
        long lastReport = start;
        try (BufferedWriter scenes = Files.newBufferedWriter(options.out().resolve("scenes.jsonl"), StandardCharsets.UTF_8);
             BufferedWriter captionLines = options.captions() > 0
                     ? Files.newBufferedWriter(options.out().resolve("captions.jsonl"), StandardCharsets.UTF_8) : null) {
            for (int first = 0; first < options.count(); first += BATCH) {
                List<Future<String[]>> batch = new ArrayList<>(BATCH);
                for (int index = first; index < Math.min(options.count(), first + BATCH); index++) {
                    long i = index;
                    batch.add(pool.submit(() -> one(sampler, images, i, digits)));
                }
                for (Future<String[]> future : batch) {
                    String[] lines = await(future);
                    scenes.write(lines[0]);
                    scenes.write('\n');
                    if (captionLines != null) {
                        captionLines.write(lines[1]);
                        captionLines.write('\n');
                    }
                }
                long now = System.nanoTime();
                int done = Math.min(options.count(), first + BATCH);
                if (now - lastReport >= PROGRESS_INTERVAL_NANOS || done == options.count()) {
                    progress(done, now - start);
                    lastReport = now;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        err.println();
    }

    private Path prepare(Path out) throws IOException {
        Path images = out.resolve("images");
        try {
            Files.createDirectories(images);
        } catch (IOException e) {
            throw new IOException("cannot create output directory " + images + ": " + reason(e), e);
        }
        if (!Files.isWritable(images) || !Files.isWritable(out)) {
            throw new IOException("output directory " + out + " is not writable");
        }
        return images;
    }

    private static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return "a file is in the way at " + e.getMessage();
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such directory " + e.getMessage();
        }
        return e.toString();
    }

    private String[] one(SceneSampler sampler, Path images, long index, int digits) throws IOException {
        Scene scene = sampler.sample(options.seed(), index);
        String name = String.format(Locale.ROOT, "%0" + digits + "d.png", index);
        Path file = images.resolve(name);
        if (!ImageIO.write(renderer.render(scene, options.size()), "png", file.toFile())) {
            throw new IOException("no PNG writer available for " + file);
        }
        String sceneLine = SceneJson.scene(scene, "images/" + name, options.size());
        String captionLine = options.captions() > 0
                ? SceneJson.captions(index, captions.captions(scene, options.seed(), options.captions())) : null;
        return new String[] {sceneLine, captionLine};
    }

    private static String[] await(Future<String[]> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while rendering", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw new IOException("cannot write image: " + io.getMessage(), io);
            }
            throw new IllegalStateException("rendering failed: " + cause.getMessage(), cause);
        }
    }

    private void progress(int done, long elapsedNanos) {
        double seconds = elapsedNanos / 1e9;
        double rate = done / Math.max(seconds, 1e-9);
        double eta = (options.count() - done) / rate;
        err.printf(Locale.ROOT, "\rclevr-gen: %d/%d scenes, %.0f scenes/s, ETA %.0f s   ",
                done, options.count(), rate, eta);
    }
}
