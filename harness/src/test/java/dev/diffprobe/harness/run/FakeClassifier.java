package dev.diffprobe.harness.run;

import dev.diffprobe.harness.classify.Classification;
import dev.diffprobe.harness.classify.ZeroShotClassifier;
import dev.diffprobe.tasks.Example;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;

/**
 * A classifier whose result for an example depends only on (seed, example id), like the real
 * one's: scores drawn from a Random seeded by both, the lowest wins. It delivers results in
 * shuffled order (the contract allows any order), fails examples whose id ends in "-corrupt"
 * with a two-line message, and can be told to die after k results, as a killed JVM would.
 */
final class FakeClassifier implements ZeroShotClassifier {
    static final class Killed extends RuntimeException {
        Killed(int after) {
            super("killed after " + after + " results");
        }
    }

    private final long seed;
    private final int dieAfter;
    int calls;

    FakeClassifier(long seed) {
        this(seed, Integer.MAX_VALUE);
    }

    FakeClassifier(long seed, int dieAfter) {
        this.seed = seed;
        this.dieAfter = dieAfter;
    }

    @Override
    public void classify(List<Example> examples, Consumer<Classification> sink) {
        List<Example> order = new ArrayList<>(examples);
        Collections.shuffle(order, new Random(examples.size()));
        int delivered = 0;
        for (Example example : order) {
            if (delivered == dieAfter) {
                throw new Killed(delivered);
            }
            calls++;
            sink.accept(result(seed, example));
            delivered++;
        }
    }

    static Classification result(long seed, Example example) {
        if (example.id().endsWith("-corrupt")) {
            return Classification.failed(example.id(), example.label(), "cannot decode image\nbad PNG header");
        }
        Random random = new Random(seed * 1_000_003L + example.id().hashCode());
        int k = example.candidates().size();
        double[] scores = new double[k];
        int[] counts = new int[k];
        int[] dropped = new int[k];
        for (int i = 0; i < k; i++) {
            scores[i] = random.nextDouble() + (i == example.label() ? -0.3 : 0);
            counts[i] = 20 + random.nextInt(30);
            dropped[i] = -1;
        }
        int best = 0;
        for (int i = 1; i < k; i++) {
            if (scores[i] < scores[best]) {
                best = i;
            }
        }
        for (int i = 0; i < k; i++) {
            if (i != best) {
                dropped[i] = counts[i];
            }
        }
        double[] softmax = softmax(scores);
        long calls = Arrays.stream(counts).sum();
        return new Classification(example.id(), example.label(), best, scores, counts, calls, dropped,
                softmax, Optional.empty());
    }

    private static double[] softmax(double[] scores) {
        double[] e = Arrays.stream(scores).map(s -> Math.exp(-s)).toArray();
        double sum = Arrays.stream(e).sum();
        return Arrays.stream(e).map(v -> v / sum).toArray();
    }
}
