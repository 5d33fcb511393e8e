package dev.diffprobe.harness.classify;

import java.util.Optional;

/**
 * What classifying one example yields. Arrays are indexed like the example's candidates.
 * {@code droppedAtRound[k]} is the round in which candidate k was pruned, or -1 if it survived.
 * {@code softmax} is the temperature softmax of the negated mean scores (a confidence measure);
 * {@code denoiserCalls} is the other one (the paper's Appendix E). A failed example (a corrupt
 * image, a NaN from the model) has {@code predicted == -1} and a named {@code error}.
 */
public record Classification(String exampleId, int label, int predicted, double[] meanScores,
                             int[] scoreCounts, long denoiserCalls, int[] droppedAtRound,
                             double[] softmax, Optional<String> error) {

    public boolean correct() {
        return error.isEmpty() && predicted == label;
    }

    public static Classification failed(String exampleId, int label, String error) {
        return new Classification(exampleId, label, -1, new double[0], new int[0], 0,
                new int[0], new double[0], Optional.of(error));
    }
}
