package dev.diffprobe.harness.run;

import dev.diffprobe.harness.classify.Classification;
import dev.diffprobe.harness.stats.BinomialTest;
import dev.diffprobe.harness.stats.Interval;
import dev.diffprobe.harness.stats.WilsonInterval;
import dev.diffprobe.tasks.Example;
import dev.diffprobe.tasks.binding.BindingTasks;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A binding task's accuracy on examples whose scene holds only compositions the checkpoint saw
 * in training ("seen") and on those with at least one object of a held-out {@code shape:colour}
 * composition ("unseen"). The split tells binding that generalises from binding that was
 * memorised: in-domain training data makes the seen figure easy, the unseen one is not.
 */
public record CompositionSplit(List<String> heldOut, int seenCorrect, int seen, int unseenCorrect, int unseen,
                               double chance) {
    public CompositionSplit {
        heldOut = List.copyOf(heldOut);
    }

    static Optional<CompositionSplit> of(TaskOutcome outcome) {
        if (outcome.heldOut().isEmpty()) {
            return Optional.empty();
        }
        Map<String, Example> examples = new HashMap<>();
        outcome.task().examples().forEach(e -> examples.put(e.id(), e));
        Set<String> held = new HashSet<>(outcome.heldOut());
        int seenCorrect = 0;
        int seen = 0;
        int unseenCorrect = 0;
        int unseen = 0;
        for (Classification result : outcome.classifications()) {
            Example example = examples.get(result.exampleId());
            String compositions = example == null ? null : example.attributes().get(BindingTasks.COMPOSITIONS);
            if (compositions == null) {
                return Optional.empty();
            }
            boolean isUnseen = false;
            for (String composition : compositions.split(",")) {
                isUnseen |= held.contains(composition);
            }
            if (isUnseen) {
                unseen++;
                unseenCorrect += result.correct() ? 1 : 0;
            } else {
                seen++;
                seenCorrect += result.correct() ? 1 : 0;
            }
        }
        return Optional.of(new CompositionSplit(outcome.heldOut(), seenCorrect, seen, unseenCorrect, unseen,
                outcome.task().chance()));
    }

    public double seenAccuracy() {
        return seen == 0 ? Double.NaN : (double) seenCorrect / seen;
    }

    public double unseenAccuracy() {
        return unseen == 0 ? Double.NaN : (double) unseenCorrect / unseen;
    }

    public Interval seenInterval() {
        return WilsonInterval.of(seenCorrect, seen);
    }

    public Interval unseenInterval() {
        return WilsonInterval.of(unseenCorrect, unseen);
    }

    /** The one-sided binomial p-value of the unseen accuracy against chance. */
    public double unseenPAboveChance() {
        return BinomialTest.pAtLeast(unseenCorrect, unseen, chance);
    }

    /**
     * {@code seen 0.93 [0.90, 0.95] n=380, unseen 0.71 [0.62, 0.79] n=120 (held-out compositions;
     * unseen p=3.10e-06 vs chance)}.
     */
    public String describe() {
        return String.format(Locale.ROOT, "seen %s, unseen %s (held-out compositions; unseen p=%s vs chance)",
                part(seenCorrect, seen), part(unseenCorrect, unseen), Verdicts.p(unseenPAboveChance()));
    }

    private static String part(int correct, int n) {
        return n == 0 ? "- n=0" : String.format(Locale.ROOT, "%.2f %s n=%d", (double) correct / n,
                WilsonInterval.of(correct, n), n);
    }
}
