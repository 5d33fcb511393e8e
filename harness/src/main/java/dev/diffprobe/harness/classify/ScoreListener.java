package dev.diffprobe.harness.classify;

/**
 * Sees every score the classifier keeps, as each round of an example completes: for fitting a
 * learned weighting, and for checking the pruning decisions against the raw series.
 */
@FunctionalInterface
public interface ScoreListener {
    ScoreListener NONE = (exampleId, round, candidate, t, error, weight) -> { };

    /**
     * @param round     0-based round of the example
     * @param candidate index into the example's candidates
     * @param t         the continuous noise level of the round
     * @param error     mean over the candidate's prompts of the per-value squared error ||x - x0_hat||^2 / D
     * @param weight    w(t); the kept score is {@code weight * error}
     */
    void scored(String exampleId, int round, int candidate, double t, double error, double weight);
}
