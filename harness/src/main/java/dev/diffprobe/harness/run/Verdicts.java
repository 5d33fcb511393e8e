package dev.diffprobe.harness.run;

import dev.diffprobe.harness.classify.Classification;
import dev.diffprobe.harness.stats.PairedComparison;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The checks a task's verdict tests make, as plain functions of a {@link TaskOutcome}, so that
 * the engine's tests and the suite summary judge alike.
 */
public final class Verdicts {
    private Verdicts() {
    }

    /** Passes when the accuracy reaches the threshold, e.g. {@code ShapeColor: 0.71 [0.65, 0.76] n=200, threshold 0.60}. */
    public static Verdict accuracy(TaskOutcome outcome, double threshold) {
        checkFraction("threshold", threshold);
        boolean passed = outcome.accuracy() >= threshold;
        return new Verdict("accuracy", passed, String.format(Locale.ROOT, "%s, threshold %s (p=%s vs chance %.2f)",
                headline(outcome), threshold(threshold), p(outcome.pAboveChance()), outcome.task().chance()));
    }

    /** Passes when the one-sided exact binomial test rejects chance-level accuracy at {@code alpha}. */
    public static Verdict aboveChance(TaskOutcome outcome, double alpha) {
        checkAlpha(alpha);
        double p = outcome.pAboveChance();
        return new Verdict("chance", p < alpha, String.format(Locale.ROOT,
                "%s, chance %.2f: binomial p=%s (alpha %s)", headline(outcome), outcome.task().chance(), p(p), alpha));
    }

    /**
     * The chance verdict of a task the suite declares {@code expect: chance} (the checkpoint is
     * known not to do it): {@link Verdict.Status#AT_CHANCE} while the one-sided binomial test
     * does not reject chance at {@code newsLevel}, {@link Verdict.Status#NEWS} when it does. The
     * engine passes a Bonferroni level (alpha over the suite's declared-at-chance tasks), so
     * that news is rarely a fluke of one run among many tasks.
     */
    public static Verdict declaredAtChance(TaskOutcome outcome, double newsLevel) {
        checkAlpha(newsLevel);
        double p = outcome.pAboveChance();
        if (p < newsLevel) {
            return new Verdict("chance", Verdict.Status.NEWS, String.format(Locale.ROOT,
                    "NEWS: %s is significantly above chance %.2f (binomial p=%s < %s) although the suite"
                            + " declares it expect: chance", headline(outcome), outcome.task().chance(), p(p),
                    p(newsLevel)));
        }
        return new Verdict("chance", Verdict.Status.AT_CHANCE, String.format(Locale.ROOT,
                "at chance, as declared (expect: chance): %s, chance %.2f: binomial p=%s (news needs p < %s)",
                headline(outcome), outcome.task().chance(), p(p), p(newsLevel)));
    }

    /**
     * Regression against the baseline run on the same examples and seeds. Fails only when the
     * candidate is both significantly worse (exact one-sided McNemar p below {@code alpha}) and
     * worse by more than {@code maxDrop} in accuracy: the first guards against noise, the second
     * lets a suite tolerate a drop it does not care about.
     */
    public static Verdict regression(TaskOutcome outcome, double maxDrop, double alpha) {
        checkFraction("max_drop", maxDrop);
        checkAlpha(alpha);
        TaskOutcome baseline = outcome.baseline().orElseThrow(() -> new IllegalArgumentException(
                "task " + outcome.taskName() + " has no baseline run to compare against"));
        PairedComparison paired = pair(outcome, baseline);
        double drop = -paired.accuracyDifference();
        boolean failed = paired.pWorse() < alpha && drop > maxDrop;
        String message = String.format(Locale.ROOT,
                "%s: %s %.2f vs baseline %s %.2f (n=%d), discordant %d lost / %d gained, difference %+.3f %s;"
                        + " McNemar p(worse)=%s, p(two-sided)=%s; max_drop %.2f, alpha %s",
                outcome.taskName(), outcome.checkpointName(), paired.candidateAccuracy(), baseline.checkpointName(),
                paired.baselineAccuracy(), paired.n(), paired.lost(), paired.gained(), paired.accuracyDifference(),
                paired.difference(), p(paired.pWorse()), p(paired.pTwoSided()), maxDrop, alpha);
        return new Verdict("regression", !failed, message);
    }

    /** Passes when no example failed; the message names the first failure. */
    public static Verdict completed(TaskOutcome outcome) {
        String first = outcome.classifications().stream().flatMap(c -> c.error().stream()).findFirst()
                .map(e -> ", first: " + e).orElse("");
        return new Verdict("completed", outcome.failures() == 0, String.format(Locale.ROOT,
                "%s, %d of %d examples failed%s", headline(outcome), outcome.failures(), outcome.n(), first));
    }

    /** Pairs candidate and baseline results by example id. */
    public static PairedComparison pair(TaskOutcome candidate, TaskOutcome baseline) {
        Map<String, Boolean> baselineCorrect = new HashMap<>();
        baseline.classifications().forEach(c -> baselineCorrect.put(c.exampleId(), c.correct()));
        List<Classification> results = candidate.classifications();
        boolean[] base = new boolean[results.size()];
        boolean[] cand = new boolean[results.size()];
        for (int i = 0; i < results.size(); i++) {
            Boolean b = baselineCorrect.get(results.get(i).exampleId());
            if (b == null || results.size() != baseline.n()) {
                throw new IllegalArgumentException("task " + candidate.taskName()
                        + ": candidate and baseline runs cover different examples");
            }
            base[i] = b;
            cand[i] = results.get(i).correct();
        }
        return PairedComparison.of(base, cand);
    }

    /**
     * The error that replaces a task's verdicts when more than {@code maxShare} of its examples
     * (on the checkpoint or on the baseline) failed: an accuracy with that many failures counted
     * as wrong answers would measure the failures, not the checkpoint.
     */
    public static Optional<String> examplesError(TaskOutcome outcome, double maxShare) {
        checkFraction("the failed-examples share", maxShare);
        List<String> problems = new ArrayList<>();
        for (TaskOutcome run : outcome.baseline().map(b -> List.of(outcome, b)).orElse(List.of(outcome))) {
            ExampleFailures failures = ExampleFailures.of(run);
            if (failures.exceed(maxShare)) {
                problems.add(String.format(Locale.ROOT, "%s on %s: %s, more than %s allowed; first: %s (all in %s)",
                        run.taskName(), run.checkpointName(), failures.summary(), percent(maxShare),
                        failures.first().orElse(""), run.journal()));
            }
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems)
                + "; " + FailureCategory.NOT_JUDGED);
    }

    /**
     * {@code ShapeColor: 0.71 [0.65, 0.76] n=200}, how many examples failed if any did, and on a
     * checkpoint with held-out compositions the seen and unseen accuracies
     * ({@link CompositionSplit#describe()}).
     */
    public static String headline(TaskOutcome outcome) {
        ExampleFailures failures = ExampleFailures.of(outcome);
        return String.format(Locale.ROOT, "%s: %.2f %s n=%d", outcome.taskName(), outcome.accuracy(),
                outcome.interval(), outcome.n()) + (failures.count() == 0 ? ""
                : " (" + failures.summary() + ", counted as wrong)")
                + outcome.compositions().map(split -> " (" + split.describe() + ")").orElse("");
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%s%%", java.math.BigDecimal.valueOf(share * 100).stripTrailingZeros()
                .toPlainString());
    }

    /** A threshold as a suite writes it: at least two decimals, up to four ({@code 0.60}, {@code 0.836}). */
    public static String threshold(double threshold) {
        return String.format(Locale.ROOT, "%.4f", threshold).replaceFirst("0{1,2}$", "");
    }

    /** A p-value in a message: three significant digits, scientific below 0.001. */
    public static String p(double p) {
        return p >= 0.001 ? String.format(Locale.ROOT, "%.3f", p) : String.format(Locale.ROOT, "%.2e", p);
    }

    private static void checkFraction(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must lie in [0, 1], got " + value);
        }
    }

    private static void checkAlpha(double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must lie in (0, 1), got " + alpha);
        }
    }
}
