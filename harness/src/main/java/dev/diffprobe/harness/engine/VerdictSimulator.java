package dev.diffprobe.harness.engine;

import dev.diffprobe.harness.config.DiffProbeSettings;
import dev.diffprobe.harness.engine.internal.SuiteSpec;
import dev.diffprobe.harness.engine.internal.TaskSpec;
import dev.diffprobe.harness.run.Expectation;
import dev.diffprobe.harness.run.Verdicts;
import dev.diffprobe.harness.stats.BinomialTest;
import dev.diffprobe.harness.stats.Interval;
import dev.diffprobe.harness.stats.WilsonInterval;
import org.apache.commons.math3.distribution.BinomialDistribution;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The two error rates of a suite's verdicts under the binomial model: how often a fresh run of
 * an unchanged checkpoint (other seed: other examples and noise) fails the suite, and how often
 * a regressed checkpoint is caught, given each task's true accuracy. A task's correct count in a
 * fresh run is Binomial(m, p) with m its examples; it fails when below its accuracy threshold or,
 * for a task declared {@code expect: above}, when the chance verdict (one-sided binomial test at
 * {@code chanceAlpha}) does not find it above chance; a task declared {@code expect: chance}
 * never fails. Tasks are independent (each draws its own scenes and noise), so the suite passes
 * with the product of the tasks' pass probabilities, computed exactly; a Monte Carlo run of the
 * same model checks the arithmetic.
 * <p>
 * The accuracies come from suite summaries (correct of n per task). They are estimates: the
 * rates are also given with each checkpoint at the unfavourable end of its 95% Wilson interval
 * (the unchanged one at its lower bounds, the regressed one at its upper bounds).
 * <p>
 * Usage: {@code VerdictSimulator SUITE_YAML --default SUMMARY_CSV --regressed SUMMARY_CSV
 * [--examples M] [--chance-alpha C] [--runs R] [--seed S]}: M replaces the suite's examples per
 * task, C is the chance verdict's level (default {@value DiffProbeSettings#DEFAULT_ALPHA}), R
 * the Monte Carlo runs (default 20000) at seed S. {@code --default} and {@code --regressed} may
 * each be given several times: runs of one checkpoint at different seeds pool into one estimate
 * of its accuracies ({@link PooledRuns}), and every run must have used the suite file's
 * classifier settings.
 */
public final class VerdictSimulator {
    /** The rates the suite's verdicts are meant to meet. */
    static final double MAX_FALSE_FAILURE = 0.01;
    static final double MIN_CATCH = 0.99;

    private VerdictSimulator() {
    }

    /** How a fresh run of one task is judged. {@code threshold} is NaN when the task has none. */
    record TaskRule(String task, int examples, double chance, Expectation expect, boolean chanceVerdict,
                    double threshold) {
        boolean fails(int correct, double chanceAlpha) {
            if (expect == Expectation.CHANCE) {
                return false;
            }
            boolean belowThreshold = !Double.isNaN(threshold) && (double) correct / examples < threshold;
            boolean notAboveChance = chanceVerdict && BinomialTest.pAtLeast(correct, examples, chance) >= chanceAlpha;
            return belowThreshold || notAboveChance;
        }

        /** The exact probability that a run with true accuracy p fails this task. */
        double failure(double p, double chanceAlpha) {
            if (expect == Expectation.CHANCE) {
                return 0;
            }
            BinomialDistribution counts = new BinomialDistribution(null, examples, p);
            double failure = 0;
            for (int y = 0; y <= examples; y++) {
                if (fails(y, chanceAlpha)) {
                    failure += counts.probability(y);
                }
            }
            return Math.min(1, failure);
        }
    }

    public static void main(String[] args) {
        try {
            run(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("VerdictSimulator: " + e.getMessage());
            System.exit(2);
        } catch (IOException e) {
            System.err.println("VerdictSimulator: cannot read " + e.getMessage() + " (" + e.getClass().getSimpleName()
                    + ")");
            System.exit(1);
        }
    }

    private static long seed(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seed needs a whole number, not '" + value + "'");
        }
    }

    static void run(String[] args, PrintStream out) throws IOException {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: VerdictSimulator SUITE_YAML --default SUMMARY_CSV"
                    + " --regressed SUMMARY_CSV [--examples M] [--chance-alpha C] [--runs R] [--seed S]");
        }
        Path suiteFile = Path.of(args[0]);
        List<Path> unchanged = new ArrayList<>();
        List<Path> regressed = new ArrayList<>();
        Integer examples = null;
        double chanceAlpha = DiffProbeSettings.DEFAULT_ALPHA;
        int runs = 20000;
        long seed = 1;
        for (int i = 1; i < args.length; i++) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + args[i] + " needs a value");
            }
            switch (args[i]) {
                case "--default" -> unchanged.add(Path.of(args[++i]));
                case "--regressed" -> regressed.add(Path.of(args[++i]));
                case "--examples" -> examples = ThresholdCalibrator.positive("--examples", args[++i]);
                case "--chance-alpha" -> chanceAlpha = ThresholdCalibrator.probability("--chance-alpha", args[++i]);
                case "--runs" -> runs = ThresholdCalibrator.positive("--runs", args[++i]);
                case "--seed" -> seed = seed(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (unchanged.isEmpty() || regressed.isEmpty()) {
            throw new IllegalArgumentException("both --default and --regressed summaries are needed");
        }
        SuiteSpec suite = SuiteFiles.read(suiteFile);
        List<TaskRule> rules = rules(suite, examples);
        Optional<Map<String, String>> classifier = Optional.of(SuiteFiles.classifier(suite));
        Map<String, TaskCounts> good = counts(PooledRuns.read(unchanged, classifier), unchanged, rules);
        Map<String, TaskCounts> bad = counts(PooledRuns.read(regressed, classifier), regressed, rules);
        out.print(report(rules, good, bad, chanceAlpha, runs, seed, suiteFile, describe(unchanged),
                describe(regressed)));
    }

    /** The verdict rules of a suite file's tasks; {@code examples} replaces each task's count. */
    static List<TaskRule> rules(Path suiteFile, Integer examples) throws IOException {
        return rules(SuiteFiles.read(suiteFile), examples);
    }

    private static List<TaskRule> rules(SuiteSpec suite, Integer examples) {
        List<TaskRule> rules = new ArrayList<>();
        for (TaskSpec task : suite.tasks()) {
            rules.add(new TaskRule(task.name(), examples == null ? task.examples() : examples, task.chance(),
                    task.expect(), task.aboveChance(), task.thresholds().accuracy().orElse(Double.NaN)));
        }
        return rules;
    }

    private static String describe(List<Path> summaries) {
        return summaries.size() == 1 ? summaries.get(0).toString()
                : summaries.size() + " runs pooled (" + summaries.stream().map(Path::toString)
                .collect(Collectors.joining(", ")) + ")";
    }

    private static Map<String, TaskCounts> counts(PooledRuns.Pooled pooled, List<Path> summaries,
                                                  List<TaskRule> rules) {
        List<String> missing = pooled.lacking(rules.stream().map(TaskRule::task).toList());
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(describe(summaries) + " has no row for " + missing
                    + "; every task of the suite needs an accuracy");
        }
        return pooled.tasks();
    }

    /** The probability that a fresh run fails the suite: 1 - prod(1 - P(task fails)). */
    static double suiteFailure(List<TaskRule> rules, ToDoubleFunction<TaskRule> accuracy, double chanceAlpha) {
        double pass = 1;
        for (TaskRule rule : rules) {
            pass *= 1 - rule.failure(accuracy.applyAsDouble(rule), chanceAlpha);
        }
        return 1 - pass;
    }

    /** The share of {@code runs} simulated fresh runs that fail the suite. */
    static double simulatedFailure(List<TaskRule> rules, ToDoubleFunction<TaskRule> accuracy, double chanceAlpha,
                                   int runs, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int failed = 0;
        for (int r = 0; r < runs; r++) {
            boolean fails = false;
            for (TaskRule rule : rules) {
                double p = accuracy.applyAsDouble(rule);
                int correct = 0;
                for (int i = 0; i < rule.examples(); i++) {
                    correct += random.nextDouble() < p ? 1 : 0;
                }
                fails |= rule.fails(correct, chanceAlpha);
            }
            failed += fails ? 1 : 0;
        }
        return (double) failed / runs;
    }

    static String report(List<TaskRule> rules, Map<String, TaskCounts> good, Map<String, TaskCounts> bad,
                         double chanceAlpha, int runs, long seed, Path suite, String unchanged, String regressed) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "Verdict error rates of %s (binomial model; chance verdict at alpha %s)%n"
                        + "default accuracies: %s%nregressed accuracies: %s%n%n"
                        + "| task | expect | threshold | m | default p | P(default fails) | regressed p |"
                        + " P(regressed caught) |%n|---|---|---|---|---|---|---|---|%n",
                suite, chanceAlpha, unchanged, regressed));
        for (TaskRule rule : rules) {
            TaskCounts g = good.get(rule.task());
            TaskCounts b = bad.get(rule.task());
            text.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %.3f | %s | %.3f | %s |%n", rule.task(),
                    rule.expect().word(), Double.isNaN(rule.threshold()) ? "-" : Verdicts.threshold(rule.threshold()),
                    rule.examples(), g.accuracy(), rate(rule.failure(g.accuracy(), chanceAlpha)), b.accuracy(),
                    rate(rule.failure(b.accuracy(), chanceAlpha))));
        }
        ToDoubleFunction<TaskRule> goodP = r -> good.get(r.task()).accuracy();
        ToDoubleFunction<TaskRule> badP = r -> bad.get(r.task()).accuracy();
        ToDoubleFunction<TaskRule> goodLow = r -> wilson(good.get(r.task())).lower();
        ToDoubleFunction<TaskRule> badHigh = r -> wilson(bad.get(r.task())).upper();
        double falseFailure = suiteFailure(rules, goodP, chanceAlpha);
        double caught = suiteFailure(rules, badP, chanceAlpha);
        text.append(String.format(Locale.ROOT, "%nAt the measured accuracies: the default fails the suite in %s of"
                        + " fresh runs (target <= %s: %s), the regressed checkpoint is caught in %s (target >= %s: %s).%n",
                rate(falseFailure), rate(MAX_FALSE_FAILURE), falseFailure <= MAX_FALSE_FAILURE ? "met" : "MISSED",
                rate(caught), rate(MIN_CATCH), caught >= MIN_CATCH ? "met" : "MISSED"));
        text.append(String.format(Locale.ROOT, "Monte Carlo check, %d runs at seed %d: %s and %s.%n", runs, seed,
                rate(simulatedFailure(rules, goodP, chanceAlpha, runs, seed)),
                rate(simulatedFailure(rules, badP, chanceAlpha, runs, seed + 1))));
        text.append(String.format(Locale.ROOT, "At the unfavourable ends of the 95%% Wilson intervals (default at"
                        + " its lower bounds, regressed at its upper bounds): %s and %s.%n",
                rate(suiteFailure(rules, goodLow, chanceAlpha)), rate(suiteFailure(rules, badHigh, chanceAlpha))));
        return text.toString();
    }

    private static Interval wilson(TaskCounts counts) {
        return WilsonInterval.of(counts.correct(), counts.n());
    }

    private static String rate(double p) {
        return p >= 0.001 || p == 0 ? String.format(Locale.ROOT, "%.4f", p) : String.format(Locale.ROOT, "%.2e", p);
    }
}
