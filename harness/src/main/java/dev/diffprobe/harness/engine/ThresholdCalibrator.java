package dev.diffprobe.harness.engine;

import dev.diffprobe.harness.config.DiffProbeSettings;
import dev.diffprobe.harness.engine.internal.SuiteSpec;
import dev.diffprobe.harness.engine.internal.TaskSpec;
import dev.diffprobe.harness.run.AtomicFiles;
import dev.diffprobe.harness.run.Verdicts;
import dev.diffprobe.harness.stats.BinomialTest;
import org.apache.commons.math3.distribution.HypergeometricDistribution;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntPredicate;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sets a suite's regression verdicts from a calibration run: a run of the same suite and
 * checkpoint at a different seed (so other examples and other noise), whose {@code summary.csv}
 * gives each task's correct count x of n and its chance accuracy c. A fresh run of the same
 * checkpoint with m examples per task must pass the suite with probability at least 1 - alpha.
 * <p>
 * A task declared {@code expect: above} (the default) fails a fresh run's correct count y when
 * y/m is below its threshold, or when the chance verdict (one-sided binomial test at
 * {@code chanceAlpha}) does not find y above chance; the smallest count that passes the chance
 * verdict is y_c. The regression threshold is the smallest y/m that the one-sided Fisher exact
 * test of "the fresh run is worse than the calibration run" does not reject at level alpha/T
 * (T tasks: Bonferroni over the suite). Given x + y = s, an unchanged checkpoint makes x
 * hypergeometric whatever its true accuracy, so
 * <pre>p(y) = P(X &gt;= x),  X ~ Hypergeometric(population n + m, successes x + y, draws n),</pre>
 * which grows with y, and y_F = min { y : p(y) &gt;= alpha/T }. The test is exact and
 * conservative: an unchanged checkpoint falls below y_F with probability at most alpha/T.
 * <p>
 * The task is declared {@code expect: above} with threshold y_F/m only when y_F &gt;= y_c: then
 * the threshold lies above chance and the chance verdict can fail only where the threshold
 * already does, so the bound holds for both verdicts together. Otherwise the calibration does
 * not show the checkpoint far enough above chance for a verdict that can fail at this m (it may
 * still be above chance: a larger calibration run or more examples per task would tell), and
 * the task is declared {@code expect: chance} with no threshold: its results are reported, never
 * failed. A threshold below chance is therefore never written.
 * <p>
 * Several calibration runs at different seeds pool into one larger calibration ({@link PooledRuns}:
 * x and n are the sums), which narrows the margin between what a checkpoint does and its threshold.
 * <p>
 * Usage: {@code ThresholdCalibrator SUMMARY_CSV [SUMMARY_CSV...] [--examples M] [--alpha A]
 * [--chance-alpha C] [--write SUITE_YAML]}; with {@code --write} every run must have used the
 * suite file's classifier settings and covered all its tasks; M defaults to each task's examples
 * in the suite file written, else to its calibration n; A to {@value #DEFAULT_ALPHA},
 * C to the chance verdict's default {@value DiffProbeSettings#DEFAULT_ALPHA}. Prints the
 * verdicts; with {@code --write}, sets each task's {@code expect} and {@code thresholds:
 * accuracy:} in the suite file. {@link VerdictSimulator} then gives the error rates of the
 * result for given accuracies.
 */
public final class ThresholdCalibrator {
    /** The suite-wide false-failure rate the thresholds allow. */
    public static final double DEFAULT_ALPHA = 0.01;

    private ThresholdCalibrator() {
    }

    /**
     * One task's calibrated verdict: {@code minimumPassing} is y_c, the smallest count of
     * {@code examples} that passes the chance verdict; {@code fisherPassing} y_F;
     * {@code threshold} y_F / examples, rounded down to four decimals, or NaN when the task is
     * declared at chance.
     */
    record Threshold(TaskCounts calibration, int examples, int minimumPassing, int fisherPassing,
                            double threshold) {
        String task() {
            return calibration.task();
        }

        boolean above() {
            return !Double.isNaN(threshold);
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
            throw new IllegalArgumentException("usage: ThresholdCalibrator SUMMARY_CSV [SUMMARY_CSV...]"
                    + " [--examples M] [--alpha A] [--chance-alpha C] [--write SUITE_YAML]");
        }
        List<Path> summaries = new ArrayList<>();
        int i = 0;
        while (i < args.length && !args[i].startsWith("--")) {
            summaries.add(Path.of(args[i++]));
        }
        if (summaries.isEmpty()) {
            throw new IllegalArgumentException("name at least one calibration summary before the options");
        }
        Integer examples = null;
        double alpha = DEFAULT_ALPHA;
        double chanceAlpha = DiffProbeSettings.DEFAULT_ALPHA;
        Path write = null;
        for (; i < args.length; i++) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + args[i] + " needs a value");
            }
            switch (args[i]) {
                case "--examples" -> examples = positive("--examples", args[++i]);
                case "--alpha" -> alpha = probability("--alpha", args[++i]);
                case "--chance-alpha" -> chanceAlpha = probability("--chance-alpha", args[++i]);
                case "--write" -> write = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Optional<SuiteSpec> suite = write == null ? Optional.empty() : Optional.of(SuiteFiles.read(write));
        PooledRuns.Pooled pooled = PooledRuns.read(summaries, suite.map(SuiteFiles::classifier));
        List<TaskCounts> counts = List.copyOf(pooled.tasks().values());
        suite.ifPresent(s -> requireEveryTask(s, pooled, summaries));
        ToIntFunction<TaskCounts> fresh = examplesOf(examples, write, suite);
        List<Threshold> thresholds = calibrate(counts, fresh, alpha, chanceAlpha);
        for (Threshold t : thresholds) {
            out.println(comment(t, alpha, thresholds.size(), pooled.provenance().get(t.task())));
            out.println(t.above() ? t.task() + ": expect above, accuracy >= " + Verdicts.threshold(t.threshold())
                    : t.task() + ": expect chance");
        }
        if (write != null) {
            AtomicFiles.writeString(write, apply(Files.readString(write, StandardCharsets.UTF_8), thresholds, alpha,
                    pooled.provenance()));
            out.println("wrote the verdicts of " + thresholds.size() + " tasks into " + write);
        }
    }

    /**
     * A suite file's tasks that the calibration lacks would keep verdicts from another calibration
     * (another checkpoint, another suite) under comments that no longer match: refused.
     */
    private static void requireEveryTask(SuiteSpec suite, PooledRuns.Pooled calibrated, List<Path> summaries) {
        List<String> missing = calibrated.lacking(suite.tasks().stream().map(TaskSpec::name).toList());
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the calibration " + summaries + " has no row for " + missing
                    + " of suite " + suite.name() + ": calibrate every task of a suite from runs of the whole suite");
        }
    }

    static int positive(String option, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " needs a whole number of at least 1, not '" + value + "'");
    }

    static double probability(String option, String value) {
        try {
            double p = Double.parseDouble(value);
            if (p > 0 && p < 1) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " needs a probability strictly between 0 and 1, not '"
                + value + "'");
    }

    /**
     * @param examples fresh-run examples per task; null for each task's calibration n
     * @param alpha the suite-wide false-failure rate, split evenly over the tasks
     * @param chanceAlpha the level of the chance verdict
     */
    static List<Threshold> calibrate(List<TaskCounts> tasks, Integer examples, double alpha, double chanceAlpha) {
        return calibrate(tasks, task -> examples == null ? task.n() : examples, alpha, chanceAlpha);
    }

    /**
     * Fresh-run examples per task: {@code --examples} when given; else, when writing a suite
     * file, each task's examples as that file declares them, since the thresholds are for runs of
     * that suite; else the calibration's own n.
     */
    private static ToIntFunction<TaskCounts> examplesOf(Integer examples, Path suiteFile, Optional<SuiteSpec> suite) {
        if (examples != null) {
            return task -> examples;
        }
        if (suite.isEmpty()) {
            return TaskCounts::n;
        }
        Map<String, Integer> declared = new HashMap<>();
        suite.get().tasks().forEach(t -> declared.put(t.name(), t.examples()));
        return task -> {
            Integer m = declared.get(task.task());
            if (m == null) {
                throw new IllegalArgumentException("suite file " + suiteFile + " has no task '" + task.task() + "'");
            }
            return m;
        };
    }

    static List<Threshold> calibrate(List<TaskCounts> tasks, ToIntFunction<TaskCounts> examples, double alpha,
                                     double chanceAlpha) {
        if (!(alpha > 0 && alpha < 1) || !(chanceAlpha > 0 && chanceAlpha < 1)) {
            throw new IllegalArgumentException("alpha and the chance verdict's alpha must lie in (0, 1), got "
                    + alpha + " and " + chanceAlpha);
        }
        double level = alpha / tasks.size();
        List<Threshold> thresholds = new ArrayList<>();
        for (TaskCounts task : tasks) {
            int m = examples.applyAsInt(task);
            int minimum = minimumAboveChance(m, task.chance(), chanceAlpha);
            int fisher = firstCount(m, y -> pWorse(task.correct(), task.n(), y, m) >= level);
            double threshold = fisher >= minimum ? Math.floor((double) fisher / m * 1e4 + 1e-9) / 1e4 : Double.NaN;
            thresholds.add(new Threshold(task, m, minimum, fisher, threshold));
        }
        return thresholds;
    }

    /** The smallest correct count of m that the chance verdict finds above chance; m + 1 if none does. */
    static int minimumAboveChance(int m, double chance, double chanceAlpha) {
        int y = firstCount(m, count -> BinomialTest.pAtLeast(count, m, chance) < chanceAlpha);
        return y == m && BinomialTest.pAtLeast(m, m, chance) >= chanceAlpha ? m + 1 : y;
    }

    /**
     * The smallest count in [0, m] that satisfies a condition which, once true, stays true for
     * larger counts (both tests' p-values are monotone in the count); m if none below m does.
     */
    private static int firstCount(int m, IntPredicate holds) {
        int low = 0;
        int high = m;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (holds.test(mid)) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }

    /** One-sided Fisher exact p-value of "y of m is worse than x of n". */
    static double pWorse(int x, int n, int y, int m) {
        if (x == 0) {
            return 1;
        }
        return new HypergeometricDistribution(null, n + m, x + y, n).upperCumulativeProbability(x);
    }

    /**
     * What a task's verdict rests on, as two YAML comment lines (the calibration run, then the
     * verdict), each starting {@code # calibrated} so that a rerun replaces them.
     */
    static String comment(Threshold t, double alpha, int tasks, String where) {
        TaskCounts c = t.calibration();
        String head = String.format(Locale.ROOT, "# calibrated: %d/%d = %.3f at %s\n", c.correct(), c.n(),
                c.accuracy(), where);
        if (t.above()) {
            return head + String.format(Locale.ROOT, "# calibrated verdict: a fresh run of %d fails below %d"
                    + " (one-sided Fisher exact test at %s/%d); the chance verdict needs %d", t.examples(),
                    t.fisherPassing(), alpha, tasks, t.minimumPassing());
        }
        return head + String.format(Locale.ROOT, "# calibrated verdict: none can fail; a fresh run of %d at the"
                + " chance verdict's minimum %d is not worse at %s/%d", t.examples(), t.minimumPassing(), alpha, tasks);
    }

    /**
     * Sets each task's {@code expect} and {@code accuracy} threshold in suite YAML laid out as the
     * probes suites are ({@code - name: X} items, two-space indents), keeping everything else,
     * other threshold keys ({@code max_drop}) included.
     */
    static String apply(String yaml, List<Threshold> thresholds, double alpha, Map<String, String> provenance) {
        String text = yaml;
        for (Threshold t : thresholds) {
            Pattern item = Pattern.compile("(?m)^(  - name: " + Pattern.quote(t.task()) + "\\n)((?:    .*\\n)*)");
            Matcher m = item.matcher(text);
            if (!m.find()) {
                throw new IllegalArgumentException("suite file has no task '" + t.task() + "'");
            }
            String body = m.group(2);
            List<String> keptThresholds = new ArrayList<>();
            Matcher block = Pattern.compile("(?m)^    thresholds:\\n((?:      .*\\n)*)").matcher(body);
            if (block.find()) {
                for (String line : block.group(1).split("\n")) {
                    if (!line.isBlank() && !line.strip().startsWith("accuracy:")) {
                        keptThresholds.add(line);
                    }
                }
                body = body.substring(0, block.start()) + body.substring(block.end());
            }
            body = body.replaceAll("(?m)^    # calibrated.*\\n", "").replaceAll("(?m)^    expect: .*\\n", "");
            StringBuilder added = new StringBuilder();
            comment(t, alpha, thresholds.size(), provenance.getOrDefault(t.task(), "another seed")).lines()
                    .forEach(line -> added.append("    ").append(line).append('\n'));
            if (!t.above()) {
                added.append("    expect: chance\n");
            }
            if (t.above() || !keptThresholds.isEmpty()) {
                added.append("    thresholds:\n");
                if (t.above()) {
                    added.append("      accuracy: ").append(Verdicts.threshold(t.threshold())).append('\n');
                }
                keptThresholds.forEach(line -> added.append(line).append('\n'));
            }
            text = text.substring(0, m.start()) + m.group(1) + body + added + text.substring(m.end());
        }
        return text;
    }
}
