package dev.diffprobe.harness.run;

import dev.diffprobe.harness.classify.Classification;

import java.util.Optional;

/**
 * One finished example as its journal line records it. {@code exampleDigest} fingerprints the
 * example's label and prompts, so that a rerun notices a task whose examples changed under the
 * same ids. {@code line} is the line number in the file (the header is line 1).
 */
public record JournalRow(String exampleId, int label, String labelName, int predicted,
                         String predictedName, boolean correct, long calls, double[] meanScores,
                         int[] scoreCounts, int[] droppedAtRound, double[] softmax,
                         Optional<String> error, long seed, String checkpointFingerprint,
                         String settingsHash, String exampleDigest, long line) {

    public Classification toClassification() {
        return new Classification(exampleId, label, predicted, meanScores, scoreCounts, calls,
                droppedAtRound, softmax, error);
    }
}
