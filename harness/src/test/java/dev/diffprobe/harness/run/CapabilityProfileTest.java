package dev.diffprobe.harness.run;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;

class CapabilityProfileTest {
    @Test
    void aTaskWithTooManyFailedExamplesIsAnErrorNotACapabilityFinding() {
        TaskOutcome good = VerdictsTest.outcome("tiny", VerdictsTest.firstRight(100, 80), Optional.empty());
        TaskOutcome broken = VerdictsTest.withFailures(VerdictsTest.outcome("tiny", VerdictsTest.firstRight(100, 0),
                Optional.empty()), 100);
        List<SummaryRow> rows = List.of(
                new SummaryRow(good, OptionalDouble.empty(), List.of(Verdicts.aboveChance(good, 0.05))),
                new SummaryRow(broken, OptionalDouble.empty(), List.of(Verdicts.aboveChance(broken, 0.05)),
                        Verdicts.examplesError(broken, 0.05)));

        String profile = CapabilityProfile.of("zeroshot", rows, 0.05);

        assertThat(profile).contains("above chance (1): ShapeColor 0.80").contains("at chance (0): -")
                .contains("regressions: none")
                .contains("ERRORS, not judged (1): ShapeColor (100 of 100 examples failed (NonFiniteOutput x100))");
    }
}
