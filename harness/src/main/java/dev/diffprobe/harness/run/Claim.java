package dev.diffprobe.harness.run;

import dev.diffprobe.harness.config.ReportSettings;

import java.util.List;
import java.util.Optional;

/**
 * What a {@link Comparison} asserts, judged on the outcomes of its tasks. Found through
 * {@link java.util.ServiceLoader} ({@code META-INF/services/dev.diffprobe.harness.run.Claim}) so
 * that modules the harness does not depend on (reports: calibration) can add claims; the harness
 * declares {@link PairedClaims#BETTER} and {@link PairedClaims#NON_INFERIOR} itself.
 */
public interface Claim {
    /** Called once, before the claim judges anything, with the run's validated report settings. */
    default void configure(ReportSettings settings) {
    }

    /** How a suite names the claim, e.g. {@code better}. */
    String word();

    /** What is wrong with a comparison's parameters for this claim (found before anything runs), or empty. */
    default Optional<String> problem(Comparison comparison) {
        return Optional.empty();
    }

    /** The claim in words for the test's name, e.g. {@code better than (one-sided McNemar, alpha 0.05)}. */
    String describe(Comparison comparison, double alpha);

    /**
     * @param candidate the outcomes of {@link Comparison#candidate()}, in its order
     * @param reference the outcomes of {@link Comparison#reference()}, in its order
     * @param alpha     the suite's significance level
     * @throws IllegalArgumentException when the outcomes cannot be compared (e.g. other examples)
     */
    Verdict judge(Comparison comparison, List<TaskOutcome> candidate, List<TaskOutcome> reference, double alpha);
}
