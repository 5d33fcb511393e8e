package dev.diffprobe.harness.study;

import dev.diffprobe.harness.classify.ClassifierSettings;
import dev.diffprobe.harness.classify.Elimination;
import dev.diffprobe.harness.classify.Mode;

import java.util.ArrayList;
import java.util.List;

/**
 * Algorithm 1 (or another {@link dev.diffprobe.harness.classify.Pruning} rule) replayed on recorded
 * shared-noise scores through the classifier's own {@link Elimination}: exact predictions and call
 * counts for every rule that ends within the recorded rounds.
 */
final class Replay {
    /** One example's outcome. */
    record Outcome(String id, int label, int predicted, long calls) {
        boolean correct() {
            return predicted == label;
        }
    }

    private Replay() {
    }

    /**
     * @throws IllegalArgumentException when the rule may need more rounds than were recorded
     */
    static List<Outcome> run(Traces traces, ClassifierSettings settings) {
        List<Outcome> outcomes = new ArrayList<>();
        for (Traces.Trace t : traces.traces()) {
            int k = t.scores().length;
            int recorded = t.scores()[0].length;
            if (settings.maxScores() > recorded) {
                throw new IllegalArgumentException("rule needs up to " + settings.maxScores() + " rounds, the traces hold "
                        + recorded);
            }
            if (settings.mode() == Mode.NAIVE) {
                throw new IllegalArgumentException("naive mode draws other noise than the shared traces");
            }
            Elimination elimination = new Elimination(k, settings);
            double[] round = new double[k];
            while (!elimination.done()) {
                int r = elimination.completed();
                for (int c = 0; c < k; c++) {
                    round[c] = t.scores()[c][r];
                }
                elimination.addRound(round);
            }
            long calls = 0;
            for (int n : elimination.counts()) {
                calls += n;
            }
            outcomes.add(new Outcome(t.id(), t.label(), elimination.best(), calls));
        }
        return outcomes;
    }
}
