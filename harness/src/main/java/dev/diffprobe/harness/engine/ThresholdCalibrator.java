package dev.diffprobe.harness.engine;

import dev.diffprobe.harness.run.FileNames;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.math3.distribution.HypergeometricDistribution;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sets a suite's regression thresholds from a calibration run: a run of the same suite and
 * checkpoint at a different seed (so other examples and other noise), whose {@code summary.csv}
 * gives each task's correct count x of n. A fresh run of the same checkpoint with m examples
 * must stay at or above its thresholds with probability at least 1 - alpha for the whole suite.
 * <p>
 * A fresh run's correct count y fails a task when y/m is below the threshold. The threshold is
 * the smallest y/m that the one-sided Fisher exact test of "the fresh run is worse than the
 * calibration run" does not reject at level alpha/T (T tasks: Bonferroni, so that alpha bounds a
 * false failure of any task of the suite). Given x + y = s, an unchanged checkpoint makes x
 * hypergeometric (s successes among n + m trials, n of them the calibration's), whatever its true
 * accuracy; so the test's p-value is
 * <pre>p(y) = P(X &gt;= x),  X ~ Hypergeometric(population n + m, successes x + y, draws n),</pre>
 * which grows with y, and threshold = min { y/m : p(y) &gt;= alpha/T }. The test is exact and
 * conservative, so an unchanged checkpoint fails the suite with probability at most alpha. (A
 * normal approximation of the difference of accuracies fails about twice that often near
 * accuracy 1, as ThresholdCalibratorTest shows by simulation.)
 * <p>
 * Usage: {@code ThresholdCalibrator SUMMARY_CSV [--examples M] [--alpha A] [--write SUITE_YAML]};
 * M defaults to each task's calibration n, A to {@value #DEFAULT_ALPHA}. Prints the thresholds;
 * with {@code --write}, sets {@code thresholds: accuracy:} of each task in the suite file.
 */
public final class ThresholdCalibrator {
    /** The suite-wide false-failure rate the thresholds allow. */
    public static final double DEFAULT_ALPHA = 0.01;

    private ThresholdCalibrator() {
    }

    /** One task's threshold and the calibration figures behind it. */
    public record Threshold(String task, int correct, int n, int examples, double threshold) {
        double accuracy() {
            return (double) correct / n;
        }
    }

    public static void main(String[] args) {
        try {
            run(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("ThresholdCalibrator: " + e.getMessage());
            System.exit(2);
        } catch (IOException e) {
            System.err.println("ThresholdCalibrator: cannot read or write " + e.getMessage() + " ("
                    + e.getClass().getSimpleName() + ")");
            System.exit(1);
        }
    }

    static void run(String[] args, PrintStream out) throws IOException {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: ThresholdCalibrator SUMMARY_CSV [--examples M] [--alpha A]"
                    + " [--write SUITE_YAML]");
        }
        Path summary = Path.of(args[0]);
        Integer examples = null;
        double alpha = DEFAULT_ALPHA;
        Path write = null;
        for (int i = 1; i < args.length; i++) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + args[i] + " needs a value");
            }
            switch (args[i]) {
                case "--examples" -> examples = positive(args[++i]);
                case "--alpha" -> alpha = number(args[++i]);
                case "--write" -> write = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<Threshold> thresholds = calibrate(read(summary), examples, alpha);
        for (Threshold t : thresholds) {
            out.println(comment(t, alpha, thresholds.size()));
            out.printf(Locale.ROOT, "%s: %.2f%n", t.task(), t.threshold());
        }
        if (write != null) {
            Files.writeString(write, apply(Files.readString(write, StandardCharsets.UTF_8), thresholds, alpha,
                    summary), StandardCharsets.UTF_8);
            out.println("wrote " + thresholds.size() + " thresholds into " + write);
        }
    }

    private static int positive(String value) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--examples needs a whole number of at least 1, not '" + value + "'");
    }

    private static double number(String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--alpha needs a number, not '" + value + "'");
        }
    }

    /** Correct count and n per task, from a suite summary CSV. */
    static Map<String, int[]> read(Path summary) throws IOException {
        Map<String, int[]> tasks = new LinkedHashMap<>();
        try (Reader in = Files.newBufferedReader(summary, StandardCharsets.UTF_8)) {
            for (CSVRecord row : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                int n = Integer.parseInt(row.get("n"));
                int correct = (int) Math.round(Double.parseDouble(row.get("accuracy")) * n);
                tasks.put(row.get("task"), new int[] {correct, n});
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(summary + ": not a suite summary (" + e.getMessage() + ")");
        }
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException(summary + ": no task rows");
        }
        return tasks;
    }

    static List<Threshold> calibrate(Map<String, int[]> tasks, Integer examples, double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must lie in (0, 1), got " + alpha);
        }
        double level = alpha / tasks.size();
        List<Threshold> thresholds = new ArrayList<>();
        tasks.forEach((task, counts) -> {
            int x = counts[0];
            int n = counts[1];
            int m = examples == null ? n : examples;
            int y = 0;
            while (y < m && pWorse(x, n, y, m) < level) {
                y++;
            }
            thresholds.add(new Threshold(task, x, n, m, Math.floor((double) y / m * 100 + 1e-9) / 100));
        });
        return thresholds;
    }

    /** One-sided Fisher exact p-value of "y of m is worse than x of n". */
    static double pWorse(int x, int n, int y, int m) {
        if (x == 0) {
            return 1;
        }
        return new HypergeometricDistribution(null, n + m, x + y, n).upperCumulativeProbability(x);
    }

    /** "seed S, checkpoint F" from the task's journal beside the summary, which records both. */
    static String seedOf(Path summary, String task) {
        Path journal = summary.resolveSibling(FileNames.of(task) + ".csv");
        if (Files.isRegularFile(journal)) {
            try (Reader in = Files.newBufferedReader(journal, StandardCharsets.UTF_8)) {
                for (CSVRecord row : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                        .parse(in)) {
                    String fingerprint = row.get("checkpoint_fingerprint");
                    return "seed " + row.get("seed") + ", checkpoint "
                            + fingerprint.substring(0, Math.min(12, fingerprint.length()));
                }
            } catch (IOException | IllegalArgumentException e) {
                return "another seed (journal " + journal + " unreadable: " + e.getMessage() + ")";
            }
        }
        return "another seed (no journal beside " + summary + ")";
    }

    private static String comment(Threshold t, double alpha, int tasks) {
        return String.format(Locale.ROOT, "# %s: calibration %d/%d = %.3f; one-sided Fisher exact test at %s/%d"
                + " per task for %d examples", t.task(), t.correct(), t.n(), t.accuracy(), alpha, tasks,
                t.examples());
    }

    /**
     * Sets each task's {@code accuracy} threshold in suite YAML laid out as the probes suites
     * are ({@code - name: X} items, two-space indents), keeping everything else as it was.
     */
    static String apply(String yaml, List<Threshold> thresholds, double alpha, Path summary) {
        String text = yaml;
        for (Threshold t : thresholds) {
            Pattern item = Pattern.compile("(?m)^(  - name: " + Pattern.quote(t.task()) + "\\n)((?:    .*\\n)*)");
            Matcher m = item.matcher(text);
            if (!m.find()) {
                throw new IllegalArgumentException("suite file has no task '" + t.task() + "'");
            }
            String body = m.group(2).replaceAll("(?m)^    thresholds:\\n(?:      .*\\n)*", "")
                    .replaceAll("(?m)^    # calibrated: .*\\n", "");
            String block = String.format(Locale.ROOT, "    # calibrated: %d/%d = %.3f at %s;"
                            + " alpha %s over %d tasks, %d examples%n    thresholds:%n      accuracy: %.2f%n",
                    t.correct(), t.n(), t.accuracy(), seedOf(summary, t.task()), alpha, thresholds.size(),
                    t.examples(), t.threshold());
            text = text.substring(0, m.start()) + m.group(1) + body + block + text.substring(m.end());
        }
        return text;
    }
}
