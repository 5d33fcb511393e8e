package dev.diffprobe.harness.run;

import dev.diffprobe.harness.classify.Classification;
import dev.diffprobe.harness.stats.McNemarTest;
import dev.diffprobe.harness.stats.PairedComparison;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The accuracy claims, on the candidate and reference tasks' examples paired by id and pooled
 * over the task pairs (each example is one pair, so pooling is a larger McNemar table, not a
 * mix of tests):
 * <ul>
 * <li>{@code better}: the candidate is more accurate, by the exact one-sided McNemar test at the
 *     suite's alpha;</li>
 * <li>{@code non-inferior}: the candidate is at most {@code margin} less accurate: the lower end
 *     of the 95% Newcombe interval of the paired difference lies above -margin (a one-sided test
 *     at 2.5%); with {@code calls_fraction} it must also spend at most that fraction of the
 *     reference's denoiser calls per example.</li>
 * </ul>
 * Either message says when a side is not zero-shot (a weighting fitted on labelled data).
 */
public final class PairedClaims {
    public static final Claim BETTER = new Claim() {
        @Override
        public String word() {
            return "better";
        }

        @Override
        public String describe(Comparison comparison, double alpha) {
            return "more accurate than " + names(comparison.reference()) + " (one-sided McNemar, alpha " + alpha + ")";
        }

        @Override
        public Verdict judge(Comparison comparison, List<TaskOutcome> candidate, List<TaskOutcome> reference,
                             double alpha) {
            PairedComparison paired = pooled(candidate, reference);
            double p = McNemarTest.pWorse(paired.gained(), paired.lost());
            String message = String.format(Locale.ROOT, "%s: %s; McNemar p(better)=%s, alpha %s%s",
                    comparison.name(), figures(paired, candidate, reference), Verdicts.p(p), alpha,
                    notZeroShot(candidate, reference));
            return new Verdict(word(), p < alpha, message);
        }
    };

    public static final Claim NON_INFERIOR = new Claim() {
        @Override
        public String word() {
            return "non-inferior";
        }

        @Override
        public Optional<String> problem(Comparison comparison) {
            if (comparison.margin().isEmpty()) {
                return Optional.of("claim 'non-inferior' needs a 'margin' (the accuracy it may lose, e.g. 0.01)");
            }
            return Optional.empty();
        }

        @Override
        public String describe(Comparison comparison, double alpha) {
            String calls = comparison.callsFraction().isPresent() ? String.format(Locale.ROOT,
                    " at <= %.2f of its calls", comparison.callsFraction().getAsDouble()) : "";
            return String.format(Locale.ROOT, "within %.3f of %s%s (95%% paired interval)",
                    comparison.margin().orElseThrow(), names(comparison.reference()), calls);
        }

        @Override
        public Verdict judge(Comparison comparison, List<TaskOutcome> candidate, List<TaskOutcome> reference,
                             double alpha) {
            double margin = comparison.margin().orElseThrow();
            PairedComparison paired = pooled(candidate, reference);
            boolean accurate = paired.difference().lower() > -margin;
            double candidateCalls = callsPerExample(candidate);
            double referenceCalls = callsPerExample(reference);
            double fraction = referenceCalls == 0 ? Double.NaN : candidateCalls / referenceCalls;
            boolean cheap = comparison.callsFraction().isEmpty()
                    || fraction <= comparison.callsFraction().getAsDouble();
            String calls = String.format(Locale.ROOT, "; calls per example %.1f vs %.1f (fraction %.3f%s)",
                    candidateCalls, referenceCalls, fraction, comparison.callsFraction().isPresent()
                            ? String.format(Locale.ROOT, ", at most %.2f", comparison.callsFraction().getAsDouble()) : "");
            String message = String.format(Locale.ROOT, "%s: %s; lower end %+.4f %s -margin %.3f%s%s",
                    comparison.name(), figures(paired, candidate, reference), paired.difference().lower(),
                    accurate ? ">" : "<=", margin, calls, notZeroShot(candidate, reference));
            return new Verdict(word(), accurate && cheap, message);
        }
    };

    private PairedClaims() {
    }

    /**
     * The paired 2x2 tables of every (candidate, reference) task pair, summed. A pair is compared on
     * the examples of its smaller side, all of which the larger must hold (a task of 200 examples
     * against one of 400 built from the same source and seed: the first 200 are the same scenes).
     */
    public static PairedComparison pooled(List<TaskOutcome> candidate, List<TaskOutcome> reference) {
        if (candidate.size() != reference.size() || candidate.isEmpty()) {
            throw new IllegalArgumentException("a comparison pairs candidate and reference tasks one to one, got "
                    + candidate.size() + " and " + reference.size());
        }
        int both = 0;
        int lost = 0;
        int gained = 0;
        int neither = 0;
        for (int i = 0; i < candidate.size(); i++) {
            TaskOutcome small = candidate.get(i).n() <= reference.get(i).n() ? candidate.get(i) : reference.get(i);
            TaskOutcome large = small == candidate.get(i) ? reference.get(i) : candidate.get(i);
            Map<String, Boolean> largeCorrect = new HashMap<>();
            large.classifications().forEach(c -> largeCorrect.put(c.exampleId(), c.correct()));
            for (Classification c : small.classifications()) {
                Boolean other = largeCorrect.get(c.exampleId());
                if (other == null) {
                    throw new IllegalArgumentException(small.taskName() + " and " + large.taskName()
                            + " ran on different examples (" + c.exampleId() + " is not in " + large.taskName()
                            + "); a comparison pairs the same examples");
                }
                boolean cand = small == candidate.get(i) ? c.correct() : other;
                boolean ref = small == candidate.get(i) ? other : c.correct();
                if (cand && ref) {
                    both++;
                } else if (ref) {
                    lost++;
                } else if (cand) {
                    gained++;
                } else {
                    neither++;
                }
            }
        }
        return PairedComparison.ofCounts(both, lost, gained, neither);
    }

    private static String figures(PairedComparison paired, List<TaskOutcome> candidate, List<TaskOutcome> reference) {
        List<String> perTask = new ArrayList<>();
        for (int i = 0; i < candidate.size(); i++) {
            perTask.add(String.format(Locale.ROOT, "%s %.3f vs %.3f", candidate.get(i).taskName(),
                    candidate.get(i).accuracy(), reference.get(i).accuracy()));
        }
        return String.format(Locale.ROOT, "%.3f vs %.3f on the same %d examples (%s), discordant %d gained / %d lost,"
                        + " difference %+.4f %s",
                paired.candidateAccuracy(), paired.baselineAccuracy(), paired.n(),
                candidate.size() == 1 ? candidate.get(0).taskName() + " vs " + reference.get(0).taskName()
                        : String.join("; ", perTask),
                paired.gained(), paired.lost(), paired.accuracyDifference(), interval(paired));
    }

    private static String interval(PairedComparison paired) {
        return String.format(Locale.ROOT, "[%+.4f, %+.4f]", paired.difference().lower(), paired.difference().upper());
    }

    static double callsPerExample(List<TaskOutcome> outcomes) {
        long calls = 0;
        long n = 0;
        for (TaskOutcome o : outcomes) {
            calls += o.totalCalls();
            n += o.n();
        }
        return n == 0 ? 0 : (double) calls / n;
    }

    /** " (not zero-shot: ...)" when a side's weighting was fitted on labels, else "". */
    public static String notZeroShot(List<TaskOutcome> candidate, List<TaskOutcome> reference) {
        List<String> fitted = new ArrayList<>();
        for (List<TaskOutcome> side : List.of(candidate, reference)) {
            for (TaskOutcome o : side) {
                String weighting = o.classifierSettings().getOrDefault("weighting", "");
                if (weighting.startsWith("learned")) {
                    fitted.add(o.taskName());
                }
            }
        }
        return fitted.isEmpty() ? "" : " (NOT zero-shot: " + String.join(", ", fitted)
                + " uses a weighting fitted on labelled data)";
    }

    private static String names(List<String> tasks) {
        return String.join("+", tasks);
    }
}
