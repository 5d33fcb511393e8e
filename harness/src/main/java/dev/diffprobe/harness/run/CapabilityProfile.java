package dev.diffprobe.harness.run;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a suite run says about its checkpoint, in a few lines for the end of the console output:
 * which tasks it does (above chance by the one-sided binomial test), which it does not (and
 * whether that was declared), what is news, what regressed, which could not be judged for failed
 * examples, and, on a checkpoint with held-out
 * compositions, the binding accuracy on seen and unseen compositions pooled over the tasks.
 */
public final class CapabilityProfile {
    private CapabilityProfile() {
    }

    /**
     * @param alpha the chance verdict's level, which "above chance" means here too
     */
    public static String of(String suite, List<SummaryRow> rows, double alpha) {
        Set<String> checkpoints = new LinkedHashSet<>();
        List<String> above = new ArrayList<>();
        List<String> atChance = new ArrayList<>();
        List<String> news = new ArrayList<>();
        List<String> regressions = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        int seen = 0;
        int seenCorrect = 0;
        int unseen = 0;
        int unseenCorrect = 0;
        Set<String> heldOut = new LinkedHashSet<>();
        for (SummaryRow row : rows) {
            TaskOutcome o = row.outcome();
            checkpoints.add(o.checkpointName() + " (" + o.checkpointFingerprint().substring(0,
                    Math.min(12, o.checkpointFingerprint().length())) + ")");
            if (row.error().isPresent()) {
                // Too many failed examples: its accuracy says nothing about what the checkpoint can do.
                errors.add(o.taskName() + " (" + ExampleFailures.of(o).summary() + ")");
                continue;
            }
            String figure = String.format(Locale.ROOT, "%s %.2f", o.taskName(), o.accuracy());
            boolean declared = row.verdicts().stream().anyMatch(v -> v.status() == Verdict.Status.AT_CHANCE
                    || v.status() == Verdict.Status.NEWS);
            if (o.pAboveChance() < alpha) {
                above.add(figure);
            } else {
                atChance.add(figure + (declared ? "" : " (not declared at chance)"));
            }
            row.verdicts().stream().filter(v -> v.status() == Verdict.Status.NEWS).findFirst()
                    .ifPresent(v -> news.add(figure + String.format(Locale.ROOT, " (p=%s)", Verdicts.p(o.pAboveChance()))));
            List<String> failed = row.verdicts().stream().filter(v -> !v.passed()).map(Verdict::check).toList();
            if (!failed.isEmpty()) {
                regressions.add(figure + " (" + String.join(", ", failed) + ")");
            }
            if (o.compositions().isPresent()) {
                CompositionSplit split = o.compositions().get();
                seen += split.seen();
                seenCorrect += split.seenCorrect();
                unseen += split.unseen();
                unseenCorrect += split.unseenCorrect();
                heldOut.addAll(split.heldOut());
            }
        }
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "DiffProbe capability profile of %s on suite %s (above chance: one-sided binomial p < %s)%n",
                String.join(", ", checkpoints), suite, alpha));
        line(text, "above chance", above);
        line(text, "at chance", atChance);
        line(text, "news (declared at chance, now above)", news);
        if (!heldOut.isEmpty()) {
            text.append(String.format(Locale.ROOT, "  held-out compositions (%s), pooled over %s: seen %s, unseen %s%n",
                    String.join(", ", heldOut), "the binding tasks", pooled(seenCorrect, seen),
                    pooled(unseenCorrect, unseen)));
        }
        text.append(regressions.isEmpty() ? "  regressions: none\n"
                : "  REGRESSIONS (" + regressions.size() + "): " + String.join(", ", regressions) + "\n");
        if (!errors.isEmpty()) {
            text.append("  ERRORS, not judged (").append(errors.size()).append("): ").append(String.join(", ", errors))
                    .append('\n');
        }
        return text.toString();
    }

    private static void line(StringBuilder text, String what, List<String> tasks) {
        text.append("  ").append(what).append(" (").append(tasks.size()).append("): ")
                .append(tasks.isEmpty() ? "-" : tasks.stream().collect(Collectors.joining(", "))).append('\n');
    }

    private static String pooled(int correct, int n) {
        return n == 0 ? "no examples" : String.format(Locale.ROOT, "%.3f (%d/%d)", (double) correct / n, correct, n);
    }
}
