package dev.diffprobe.harness.run;

import dev.diffprobe.harness.classify.Classification;
import dev.diffprobe.tasks.Candidate;
import dev.diffprobe.tasks.Example;
import dev.diffprobe.tasks.Task;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerdictsTest {
    /** n two-way examples, the first {@code correct} right. */
    static TaskOutcome outcome(String checkpoint, boolean[] correct, Optional<TaskOutcome> baseline) {
        List<Example> examples = new ArrayList<>();
        List<Classification> results = new ArrayList<>();
        for (int i = 0; i < correct.length; i++) {
            examples.add(new Example("e" + i, r -> null, List.of(Candidate.of("yes"), Candidate.of("no")), 0, Map.of()));
            results.add(new Classification("e" + i, 0, correct[i] ? 0 : 1, new double[] {1, 2}, new int[] {20, 20},
                    40, new int[] {-1, 20}, new double[] {0.7, 0.3}, Optional.empty()));
        }
        Task task = new Task("ShapeColor", "", examples, 0.5);
        return new TaskOutcome("binding", task, Path.of(checkpoint), checkpoint, "fingerprint-" + checkpoint,
                "diffusion", Map.of(), RunSettings.of(Path.of(checkpoint), 1), results, 0, Duration.ofSeconds(3),
                Path.of("ShapeColor.csv"), baseline);
    }

    static boolean[] firstRight(int n, int right) {
        boolean[] correct = new boolean[n];
        for (int i = 0; i < right; i++) {
            correct[i] = true;
        }
        return correct;
    }

    @Test
    void accuracyMessageShowsIntervalNThresholdAndChanceP() {
        Verdict verdict = Verdicts.accuracy(outcome("tiny", firstRight(200, 142), Optional.empty()), 0.60);
        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.message()).isEqualTo("ShapeColor: 0.71 [0.64, 0.77] n=200, threshold 0.60 (p=%s vs chance 0.50)",
                Verdicts.p(dev.diffprobe.harness.stats.BinomialTest.pAtLeast(142, 200, 0.5)));
        assertThat(Verdicts.accuracy(outcome("tiny", firstRight(200, 119), Optional.empty()), 0.60).passed()).isFalse();
        assertThat(Verdicts.accuracy(outcome("tiny", firstRight(200, 120), Optional.empty()), 0.60).passed()).isTrue();
    }

    @Test
    void aboveChanceUsesTheOneSidedBinomialTest() {
        // P(X >= 60 | 100, 1/2) = 0.0284: above chance at 0.05, not at 0.01.
        TaskOutcome outcome = outcome("tiny", firstRight(100, 60), Optional.empty());
        assertThat(Verdicts.aboveChance(outcome, 0.05).passed()).isTrue();
        assertThat(Verdicts.aboveChance(outcome, 0.01).passed()).isFalse();
        assertThat(Verdicts.aboveChance(outcome, 0.05).message()).contains("binomial p=0.028");
    }

    /** both right, lost, gained, neither, in that order over the examples. */
    static TaskOutcome paired(int both, int lost, int gained, int neither) {
        int n = both + lost + gained + neither;
        boolean[] base = new boolean[n];
        boolean[] cand = new boolean[n];
        for (int i = 0; i < n; i++) {
            base[i] = i < both + lost;
            cand[i] = i < both || (i >= both + lost && i < both + lost + gained);
        }
        return outcome("new", cand, Optional.of(outcome("old", base, Optional.empty())));
    }

    @Test
    void regressionFailsOnlyWhenSignificantlyWorseByMoreThanMaxDrop() {
        // 30 lost, 10 gained of 200: drop 0.10, McNemar p(worse) = 0.0011.
        TaskOutcome worse = paired(140, 30, 10, 20);
        assertThat(Verdicts.regression(worse, 0.05, 0.05).passed()).isFalse();
        assertThat(Verdicts.regression(worse, 0.15, 0.05).passed()).isTrue();
        assertThat(Verdicts.regression(worse, 0.05, 0.001).passed()).isTrue();
        // 25 lost, 15 gained: drop 0.05 but p(worse) = 0.077, not significant.
        assertThat(Verdicts.regression(paired(140, 25, 15, 20), 0.0, 0.05).passed()).isTrue();
    }

    @Test
    void regressionMessageShowsBothAccuraciesDiscordancesDifferenceAndP() {
        Verdict verdict = Verdicts.regression(paired(140, 30, 10, 20), 0.05, 0.05);
        assertThat(verdict.check()).isEqualTo("regression");
        assertThat(verdict.message()).startsWith("ShapeColor: new 0.75 vs baseline old 0.85 (n=200), discordant 30 lost / 10 gained, difference -0.100 [")
                .contains("McNemar p(worse)=0.001").contains("max_drop 0.05, alpha 0.05");
    }

    @Test
    void regressionWithoutABaselineIsANamedError() {
        assertThatThrownBy(() -> Verdicts.regression(outcome("x", firstRight(4, 2), Optional.empty()), 0, 0.05))
                .hasMessageContaining("no baseline");
    }

    /** The first {@code failed} examples failed with a named error (counted as wrong). */
    static TaskOutcome withFailures(TaskOutcome outcome, int failed) {
        List<Classification> results = new ArrayList<>(outcome.classifications());
        for (int i = 0; i < failed; i++) {
            results.set(i, Classification.failed(results.get(i).exampleId(), 0,
                    "NonFiniteOutput: denoiser returned NaN for prompt 'yes' at t=0.9000"));
        }
        return new TaskOutcome(outcome.suite(), outcome.task(), outcome.checkpoint(), outcome.checkpointName(),
                outcome.checkpointFingerprint(), outcome.kind(), outcome.classifierSettings(), outcome.settings(),
                results, 0, outcome.wallTime(), outcome.journal(), outcome.baseline());
    }

    @Test
    void failedExamplesShowInEveryMessage() {
        TaskOutcome outcome = withFailures(outcome("tiny", firstRight(100, 70), Optional.empty()), 3);
        assertThat(Verdicts.accuracy(outcome, 0.6).message()).startsWith("ShapeColor: 0.67 [0.57, 0.75] n=100"
                + " (3 of 100 examples failed (NonFiniteOutput x3), counted as wrong), threshold 0.60");
        assertThat(Verdicts.aboveChance(outcome, 0.05).message()).contains("3 of 100 examples failed");
        assertThat(Verdicts.headline(outcome("tiny", firstRight(100, 70), Optional.empty()))).doesNotContain("failed");
    }

    @Test
    void moreFailuresThanTheShareAreAnErrorNamingCountFirstErrorAndJournal() {
        TaskOutcome five = withFailures(outcome("tiny", firstRight(100, 70), Optional.empty()), 5);
        TaskOutcome six = withFailures(outcome("tiny", firstRight(100, 70), Optional.empty()), 6);
        assertThat(Verdicts.examplesError(five, 0.05)).isEmpty();
        assertThat(Verdicts.examplesError(six, 0.05)).hasValueSatisfying(m -> assertThat(m).isEqualTo(
                "ShapeColor on tiny: 6 of 100 examples failed (NonFiniteOutput x6), more than 5% allowed; first: e0:"
                        + " NonFiniteOutput: denoiser returned NaN for prompt 'yes' at t=0.9000 (all in ShapeColor.csv);"
                        + " the accuracy is not judged"));
        assertThat(Verdicts.examplesError(six, 0.06)).isEmpty();
        assertThat(Verdicts.examplesError(withFailures(outcome("tiny", firstRight(100, 70), Optional.empty()), 1), 0))
                .isPresent();
        assertThatThrownBy(() -> Verdicts.examplesError(six, 5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBaselineWithTooManyFailuresIsAnErrorToo() {
        TaskOutcome baseline = withFailures(outcome("old", firstRight(100, 70), Optional.empty()), 20);
        TaskOutcome candidate = outcome("new", firstRight(100, 70), Optional.of(baseline));
        assertThat(Verdicts.examplesError(candidate, 0.05)).hasValueSatisfying(m ->
                assertThat(m).startsWith("ShapeColor on old: 20 of 100 examples failed"));
    }
}
