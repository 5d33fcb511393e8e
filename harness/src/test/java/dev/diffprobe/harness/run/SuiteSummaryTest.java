package dev.diffprobe.harness.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;

class SuiteSummaryTest {
    @TempDir
    Path out;

    @Test
    void writesCsvAndMarkdownWithVerdicts() throws IOException {
        TaskOutcome outcome = VerdictsTest.outcome("tiny", VerdictsTest.firstRight(200, 142), Optional.empty());
        SummaryRow row = new SummaryRow(outcome, OptionalDouble.of(0.6),
                List.of(Verdicts.accuracy(outcome, 0.6), Verdicts.aboveChance(outcome, 0.05)));
        SuiteSummary summary = new SuiteSummary("binding", List.of(row));
        List<Path> files = summary.write(out);
        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("summary.csv", "summary.md");
        List<String> csv = Files.readAllLines(out.resolve("summary.csv"));
        assertThat(csv.get(0)).isEqualTo("task,checkpoint,n,correct,accuracy,ci_low,ci_high,chance,p_vs_chance,threshold,verdict,"
                + "calls_per_example,wall_s,failures,errors");
        assertThat(csv.get(1)).startsWith("ShapeColor,tiny,200,142,0.71,").endsWith(",0.6,PASS,40.000,3.0,0,");
        assertThat(Files.readString(out.resolve("summary.md")))
                .contains("| ShapeColor | tiny | 200 | 0.710 | 0.644 | 0.768 | 0.500 |").contains("Wilson");
        assertThat(summary.table()).contains("ShapeColor").contains("PASS");
    }

    @Test
    void addsBaselineColumnsInRegressionMode() throws IOException {
        TaskOutcome outcome = VerdictsTest.paired(140, 30, 10, 20);
        SummaryRow row = new SummaryRow(outcome, OptionalDouble.empty(), List.of(Verdicts.regression(outcome, 0.05, 0.05)));
        new SuiteSummary("binding", List.of(row)).write(out);
        List<String> csv = Files.readAllLines(out.resolve("summary.csv"));
        assertThat(csv.get(0)).endsWith(",baseline,baseline_accuracy,lost,gained,difference,difference_low,difference_high,"
                + "mcnemar_p_worse,mcnemar_p_two_sided");
        assertThat(csv.get(1)).contains(",,FAIL (regression),").contains(",old,0.85,30,10,");
        assertThat(Files.readString(out.resolve("summary.md"))).contains("| - | FAIL (regression) |");
    }

    @Test
    void aTaskWithTooManyFailedExamplesIsAnErrorInEveryFormWithItsErrorNames() throws IOException {
        TaskOutcome outcome = VerdictsTest.withFailures(VerdictsTest.outcome("tiny", VerdictsTest.firstRight(40, 30),
                Optional.empty()), 12);
        SummaryRow row = new SummaryRow(outcome, OptionalDouble.of(0.6), List.of(Verdicts.accuracy(outcome, 0.6)),
                Verdicts.examplesError(outcome, 0.05));
        SuiteSummary summary = new SuiteSummary("binding", List.of(row));
        summary.write(out);
        assertThat(Files.readAllLines(out.resolve("summary.csv")).get(1))
                .endsWith(",ERROR (failed examples),28.000,3.0,12,NonFiniteOutput x12");
        assertThat(Files.readString(out.resolve("summary.md")))
                .contains("| ShapeColor | tiny | 40 | n/a | n/a | n/a | 0.500 | n/a | 0.600 | ERROR (failed examples) | 28.0 | 3.0"
                        + " | 12 | NonFiniteOutput x12 |")
                .contains("- ERROR ShapeColor on tiny: 12 of 40 examples failed (NonFiniteOutput x12), more than 5% allowed;");
        assertThat(summary.table()).contains("ERROR (failed examples)").contains("NonFiniteOutput x12")
                .doesNotContain(String.format(java.util.Locale.ROOT, "%.3f", outcome.accuracy()));
    }
}
