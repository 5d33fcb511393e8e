package dev.diffprobe.harness.study;

import dev.diffprobe.harness.config.Settings;
import dev.diffprobe.harness.config.SettingsException;
import dev.diffprobe.models.Checkpoint;
import dev.diffprobe.models.CheckpointException;
import dev.diffprobe.models.DiffusionModel;
import dev.diffprobe.models.ModelSettings;
import dev.diffprobe.models.Precision;
import dev.diffprobe.models.TextEmbedding;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The pieces of models/bench/gpu-check.sh that need the checkpoint: the denoiser's x0 estimates
 * on fixed seeded inputs on whatever device {@code -Ddiffprobe.device} selects, the images/s by
 * batch size there, and the comparisons of two such runs (outputs, and the estimator study's
 * per-example outcomes).
 *
 * <pre>
 *   dump CHECKPOINT OUT.bin RATE.csv SECONDS MAXBATCH   x0 of 16 fixed inputs; images/s at batch 1..MAXBATCH
 *   compare A.bin B.bin TOLERANCE               exit 1 if any value differs by more
 *   compare A.bin B.bin DTYPE                   the same with a precision's tolerance, relative to
 *                                               the larger of 1 and the largest |x0| of A's image
 *   outcomes A.csv B.csv                        how many predictions and call counts agree
 * </pre>
 *
 * <p>A half checkpoint is compared with float32 of the same weights: its x0 at large t divides the
 * denoiser's rounding by a small alpha, so one absolute bound would be too loose for small t or
 * too tight for large t.
 */
public final class DeviceCheck {
    private static final int FIXED = 16;
    private static final int[] BATCHES = {1, 8, 16, 32, 64, 128, 256};

    private DeviceCheck() {
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        if (args.length == 0) {
            usage();
        }
        try {
            run(args);
        } catch (NumberFormatException e) {
            System.err.println("DeviceCheck: expected a number, got " + e.getMessage());
            usage();
        } catch (IOException e) {
            System.err.println("DeviceCheck: cannot read or write " + e.getMessage() + " ("
                    + e.getClass().getSimpleName() + ")");
            System.exit(1);
        }
    }

    private static void run(String[] args) throws IOException {
        switch (args[0]) {
            case "dump" -> {
                if (args.length != 6) {
                    usage();
                }
                double seconds = Double.parseDouble(args[4]);
                int maxBatch = Integer.parseInt(args[5]);
                if (!(seconds > 0) || maxBatch < 1) {
                    System.err.println("DeviceCheck: expected SECONDS > 0 and MAXBATCH >= 1, got " + args[4] + " and "
                            + args[5]);
                    usage();
                }
                System.exit(dump(args[1], Path.of(args[2]), Path.of(args[3]), seconds, maxBatch));
            }
            case "compare" -> {
                if (args.length != 4) {
                    usage();
                }
                Optional<Precision> precision = Precision.parse(args[3]);
                System.exit(precision.isPresent() ? compare(Path.of(args[1]), Path.of(args[2]), precision.get())
                        : compare(Path.of(args[1]), Path.of(args[2]), Double.parseDouble(args[3])));
            }
            case "outcomes" -> {
                if (args.length != 3) {
                    usage();
                }
                System.exit(outcomes(Path.of(args[1]), Path.of(args[2])));
            }
            default -> usage();
        }
    }

    private static void usage() {
        System.err.println("usage: DeviceCheck dump CHECKPOINT OUT.bin RATE.csv SECONDS MAXBATCH"
                + " | compare A.bin B.bin TOLERANCE|float32|float16|bfloat16"
                + " | outcomes A.csv B.csv");
        System.exit(2);
    }

    private static int dump(String checkpoint, Path out, Path rates, double seconds, int maxBatch) throws IOException {
        ModelSettings models;
        try {
            models = Settings.fromSystemProperties().models();
        } catch (SettingsException e) {
            System.err.println("device check: " + e.getMessage());
            return 2;
        }
        try (DiffusionModel model = Checkpoint.openDiffusion(checkpoint, models)) {
            List<TextEmbedding> prompts = new ArrayList<>();
            for (String word : List.of("red", "green", "blue", "yellow")) {
                prompts.add(model.encodeText("A " + word + " object."));
            }
            SplittableRandom random = new SplittableRandom(20230315);
            List<float[]> xt = new ArrayList<>();
            float[] t = new float[FIXED];
            List<TextEmbedding> cond = new ArrayList<>();
            for (int i = 0; i < FIXED; i++) {
                float[] x = new float[model.latentSize()];
                for (int j = 0; j < x.length; j++) {
                    x[j] = (float) random.nextDouble(-1, 1);
                }
                xt.add(x);
                t[i] = (float) ((i + 0.5) / FIXED);
                cond.add(prompts.get(i % prompts.size()));
            }
            float[][] x0 = model.predictX0(xt, t, cond);
            try (DataOutputStream data = new DataOutputStream(Files.newOutputStream(out))) {
                data.writeInt(x0.length);
                data.writeInt(x0[0].length);
                for (float[] image : x0) {
                    for (float v : image) {
                        data.writeFloat(v);
                    }
                }
            }
            List<String> rows = new ArrayList<>(List.of("batch,images_per_second"));
            int[] batches = Arrays.stream(BATCHES).filter(b -> b <= maxBatch).toArray();
            for (RawRate.Point p : RawRate.measure(model, prompts, batches, seconds, true)) {
                rows.add(String.format(Locale.ROOT, "%d,%.1f", p.batch(), p.imagesPerSecond()));
            }
            Files.write(rates, rows);
            System.out.println(model.name() + ": " + FIXED + " x0 estimates to " + out + ", rates to " + rates);
            return 0;
        } catch (CheckpointException | IllegalArgumentException e) {
            System.err.println("device check: " + e.getMessage());
            return 1;
        }
    }

    private static float[][] read(Path file) throws IOException {
        try (DataInputStream data = new DataInputStream(Files.newInputStream(file))) {
            float[][] x = new float[data.readInt()][data.readInt()];
            for (float[] image : x) {
                for (int j = 0; j < image.length; j++) {
                    image[j] = data.readFloat();
                }
            }
            return x;
        }
    }

    /** The two files' x0 estimates, or null after saying that their shapes differ. */
    private static float[][][] readPair(Path a, Path b) throws IOException {
        float[][] x = read(a);
        float[][] y = read(b);
        if (x.length != y.length || x[0].length != y[0].length) {
            System.out.println("FAIL: shapes differ");
            return null;
        }
        return new float[][][] {x, y};
    }

    private static int compare(Path a, Path b, double tolerance) throws IOException {
        float[][][] pair = readPair(a, b);
        if (pair == null) {
            return 1;
        }
        float[][] x = pair[0];
        float[][] y = pair[1];
        double max = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x[i].length; j++) {
                max = Math.max(max, Math.abs(x[i][j] - y[i][j]));
            }
        }
        boolean ok = max <= tolerance;
        System.out.printf(Locale.ROOT, "%s: largest |x0 difference| %.3g over %d values (tolerance %.1g)%n",
                ok ? "PASS" : "FAIL", max, x.length * x[0].length, tolerance);
        return ok ? 0 : 1;
    }

    private static int compare(Path a, Path b, Precision precision) throws IOException {
        float[][][] pair = readPair(a, b);
        if (pair == null) {
            return 1;
        }
        float[][] x = pair[0];
        float[][] y = pair[1];
        double worst = 0;
        double largest = 0;
        for (int i = 0; i < x.length; i++) {
            double scale = 1;
            double max = 0;
            for (int j = 0; j < x[i].length; j++) {
                scale = Math.max(scale, Math.abs(x[i][j]));
                max = Math.max(max, Math.abs(x[i][j] - y[i][j]));
            }
            worst = Math.max(worst, max / scale);
            largest = Math.max(largest, max);
        }
        boolean ok = worst <= precision.tolerance();
        System.out.printf(Locale.ROOT, "%s: largest |x0 difference| %.3g, %.3g of its image's scale, over %d values"
                + " (%s tolerance %.1g of the scale)%n", ok ? "PASS" : "FAIL", largest, worst, x.length * x[0].length,
                precision.word(), precision.tolerance());
        return ok ? 0 : 1;
    }

    private static int outcomes(Path a, Path b) throws IOException {
        List<String> x = Files.readAllLines(a);
        List<String> y = Files.readAllLines(b);
        int same = 0;
        int sameCalls = 0;
        int n = Math.min(x.size(), y.size()) - 1;
        for (int i = 1; i <= n; i++) {
            String[] p = x.get(i).split(",");
            String[] q = y.get(i).split(",");
            same += p[0].equals(q[0]) && p[2].equals(q[2]) ? 1 : 0;
            sameCalls += p[0].equals(q[0]) && p[3].equals(q[3]) ? 1 : 0;
        }
        if (x.size() != y.size()) {
            System.out.println("FAIL: " + a + " and " + b + " hold different numbers of examples");
            return 1;
        }
        // Devices differ in the last bits of every output, so a decision whose p-value lies that
        // close to the cutoff may flip: a report, not a failure.
        System.out.printf(Locale.ROOT, "%s: %d/%d predictions and %d/%d call counts agree%n",
                same == n ? "SAME" : "DIFFER", same, n, sameCalls, n);
        return 0;
    }
}
