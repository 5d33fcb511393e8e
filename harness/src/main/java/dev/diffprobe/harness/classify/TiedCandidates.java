package dev.diffprobe.harness.classify;

import dev.diffprobe.tasks.Candidate;
import dev.diffprobe.tasks.Example;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Candidates with identical prompts (CLIP's ImageNet names list "missile" and "sunglasses" twice)
 * would get identical scores, so a classifier scores each distinct prompt list once and the
 * duplicates share its scores. The rule for the answer: an example is classified correctly when
 * the winning prompts are the true class's prompts, since no model can tell identical prompts
 * apart; the reported prediction is then the label itself, otherwise the first candidate with the
 * winning prompts. A tied group's softmax mass is split evenly among its members, so the
 * probabilities still sum to one.
 *
 * @param original the example as the task has it
 * @param scored the example with each distinct prompt list once, in order of first appearance,
 *     labelled with the true class's group; {@code original} itself when nothing repeats
 * @param group for each original candidate, its index among {@code scored}'s candidates
 */
record TiedCandidates(Example original, Example scored, int[] group) {

    /** The grouping of a candidate list; examples of one task share theirs, so callers may cache it. */
    record Grouping(List<Candidate> distinct, int[] group) {
        static Grouping of(List<Candidate> candidates) {
            Map<List<String>, Integer> index = new HashMap<>();
            List<Candidate> distinct = new ArrayList<>();
            int[] group = new int[candidates.size()];
            for (int c = 0; c < candidates.size(); c++) {
                Candidate candidate = candidates.get(c);
                Integer g = index.putIfAbsent(candidate.prompts(), distinct.size());
                if (g == null) {
                    group[c] = distinct.size();
                    distinct.add(candidate);
                } else {
                    group[c] = g;
                }
            }
            return new Grouping(List.copyOf(distinct), group);
        }

        boolean ties() {
            return distinct.size() < group.length;
        }
    }

    /**
     * Runs {@code examples} through {@code classifier} with each distinct prompt list once and hands
     * {@code sink} the results as classifications of the original examples.
     */
    static void classify(List<Example> examples, Consumer<Classification> sink,
                         BiConsumer<List<Example>, Consumer<Classification>> classifier) {
        Map<List<Candidate>, Grouping> groupings = new IdentityHashMap<>();
        Map<String, TiedCandidates> tied = new HashMap<>();
        List<Example> scored = new ArrayList<>(examples.size());
        for (Example example : examples) {
            TiedCandidates t = of(example, groupings.computeIfAbsent(example.candidates(), Grouping::of));
            if (t.ties()) {
                tied.put(example.id(), t);
            }
            scored.add(t.scored());
        }
        classifier.accept(scored, result -> {
            TiedCandidates t = tied.remove(result.exampleId());
            sink.accept(t == null ? result : t.expand(result));
        });
    }

    static TiedCandidates of(Example example, Grouping grouping) {
        if (!grouping.ties()) {
            return new TiedCandidates(example, example, grouping.group());
        }
        Example scored = new Example(example.id(), example.image(), grouping.distinct(),
                grouping.group()[example.label()], example.attributes());
        return new TiedCandidates(example, scored, grouping.group());
    }

    boolean ties() {
        return scored != original;
    }

    /** The classification of {@code scored} as one of {@code original}: arrays indexed by its candidates. */
    Classification expand(Classification result) {
        if (!ties()) {
            return result;
        }
        int label = original.label();
        if (result.error().isPresent()) {
            return Classification.failed(result.exampleId(), label, result.error().get());
        }
        int n = group.length;
        int[] size = new int[scored.candidates().size()];
        for (int g : group) {
            size[g]++;
        }
        int predicted = -1;
        if (result.predicted() == group[label]) {
            predicted = label;
        } else {
            for (int c = 0; c < n && predicted < 0; c++) {
                if (group[c] == result.predicted()) {
                    predicted = c;
                }
            }
        }
        double[] means = new double[n];
        int[] counts = new int[n];
        int[] dropped = new int[n];
        double[] softmax = new double[n];
        for (int c = 0; c < n; c++) {
            int g = group[c];
            means[c] = result.meanScores()[g];
            counts[c] = result.scoreCounts()[g];
            dropped[c] = result.droppedAtRound()[g];
            softmax[c] = result.softmax()[g] / size[g];
        }
        return new Classification(result.exampleId(), label, predicted, means, counts, result.denoiserCalls(),
                dropped, softmax, Optional.empty());
    }
}
