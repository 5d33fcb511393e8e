package dev.diffprobe.harness.run;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One task's line in a suite summary: its outcome, the accuracy threshold if any, its verdicts,
 * and the error that replaces them when too many examples failed ({@link Verdicts#examplesError}).
 */
public record SummaryRow(TaskOutcome outcome, OptionalDouble threshold, List<Verdict> verdicts, Optional<String> error) {
    public SummaryRow {
        verdicts = List.copyOf(verdicts);
    }

    public SummaryRow(TaskOutcome outcome, OptionalDouble threshold, List<Verdict> verdicts) {
        this(outcome, threshold, verdicts, Optional.empty());
    }

    /**
     * {@code ERROR (failed examples)} when too many examples failed, {@code PASS},
     * {@code FAIL (accuracy, regression)}, {@code NEWS (above chance)} for a task declared at
     * chance that rose, {@code AT CHANCE (declared)} for one that stayed, or {@code -} when
     * nothing was judged.
     */
    public String verdictText() {
        if (error.isPresent()) {
            return "ERROR (failed examples)";
        }
        if (verdicts.isEmpty()) {
            return "-";
        }
        List<String> failed = verdicts.stream().filter(v -> !v.passed()).map(Verdict::check).toList();
        if (!failed.isEmpty()) {
            return "FAIL (" + String.join(", ", failed) + ")";
        }
        if (has(Verdict.Status.NEWS)) {
            return "NEWS (above chance)";
        }
        return has(Verdict.Status.AT_CHANCE) ? "AT CHANCE (declared)" : "PASS";
    }

    private boolean has(Verdict.Status status) {
        return verdicts.stream().anyMatch(v -> v.status() == status);
    }
}
