package dev.diffprobe.harness.run;

import java.util.List;
import java.util.OptionalDouble;

/** One task's line in a suite summary: its outcome, the accuracy threshold if any, and its verdicts. */
public record SummaryRow(TaskOutcome outcome, OptionalDouble threshold, List<Verdict> verdicts) {
    public SummaryRow {
        verdicts = List.copyOf(verdicts);
    }

    /** {@code PASS}, {@code FAIL (accuracy, regression)}, or {@code -} when nothing was judged. */
    public String verdictText() {
        if (verdicts.isEmpty()) {
            return "-";
        }
        List<String> failed = verdicts.stream().filter(v -> !v.passed()).map(Verdict::check).toList();
        return failed.isEmpty() ? "PASS" : "FAIL (" + String.join(", ", failed) + ")";
    }
}
