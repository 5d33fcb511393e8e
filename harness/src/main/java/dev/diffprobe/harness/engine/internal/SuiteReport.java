package dev.diffprobe.harness.engine.internal;

import dev.diffprobe.harness.config.Settings;
import dev.diffprobe.harness.run.AtomicFiles;
import dev.diffprobe.harness.run.CapabilityProfile;
import dev.diffprobe.harness.run.Expectation;
import dev.diffprobe.harness.run.CueConflictOutcome;
import dev.diffprobe.harness.run.Reporters;
import dev.diffprobe.harness.run.RunException;
import dev.diffprobe.harness.run.SuiteSummary;
import dev.diffprobe.harness.run.SummaryRow;
import dev.diffprobe.harness.run.TaskOutcome;
import dev.diffprobe.harness.run.Verdict;
import dev.diffprobe.harness.run.Verdicts;
import dev.diffprobe.tasks.cue.CueConflictScore;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The end of a suite: its summary table and capability profile printed and written beside the
 * journals ({@code summary.csv}, {@code summary.md}, {@code profile.txt}), then the
 * reporters' suite files. The summary judges each task with the same functions as its verdict
 * tests, so table and test results agree.
 */
final class SuiteReport {
    private SuiteReport() {
    }

    static List<Path> write(SuiteSpec suite, List<TaskOutcome> outcomes, ProbeContext context) {
        Map<String, TaskSpec> specs = suite.tasks().stream().collect(Collectors.toMap(TaskSpec::name, Function.identity()));
        List<SummaryRow> rows = new ArrayList<>();
        for (TaskOutcome outcome : outcomes) {
            TaskSpec spec = specs.get(outcome.taskName());
            rows.add(row(suite, spec, outcome, context.settings()));
        }
        SuiteSummary summary = new SuiteSummary(suite.name(), rows, humans(outcomes, context.settings()));
        summary.print(System.out);
        String profile = CapabilityProfile.of(suite.name(), rows, context.settings().alpha());
        System.out.print(profile);
        Path dir = outcomes.get(0).journal().getParent();
        List<Path> files = new ArrayList<>();
        try {
            files.addAll(summary.write(dir));
            files.add(AtomicFiles.writeString(dir.resolve("profile.txt"), profile));
        } catch (IOException e) {
            throw new RunException("suite " + suite.name() + ": cannot write the summary into " + dir + ": "
                    + e.getMessage(), e);
        }
        if (!suite.comparisons().isEmpty()) {
            try {
                files.addAll(writeComparisons(suite, outcomes, context.settings(), dir));
            } catch (IOException e) {
                throw new RunException("suite " + suite.name() + ": cannot write the comparisons into " + dir + ": "
                        + e.getMessage(), e);
            }
        }
        Reporters.ReportFiles reported = context.reporters().suiteFinished(outcomes, context.settings().output());
        reported.failures().forEach(System.err::println);
        files.addAll(reported.files());
        return files;
    }

    /**
     * {@code comparisons.csv} and {@code .md}: each comparison's claim, verdict and message, judged
     * by the same function as its test. Also printed.
     */
    static List<Path> writeComparisons(SuiteSpec suite, List<TaskOutcome> outcomes, Settings settings, Path dir)
            throws IOException {
        List<Verdict> verdicts = new ArrayList<>();
        for (ComparisonSpec spec : suite.comparisons()) {
            Verdict verdict = ComparisonDescriptor.judge(spec, outcomes, settings);
            verdicts.add(verdict);
            System.out.println(suite.name() + " comparison " + (verdict.passed() ? "PASS" : "FAIL") + ": "
                    + verdict.message());
        }
        Path csv = AtomicFiles.write(dir.resolve("comparisons.csv"), out -> {
            CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get());
            printer.printRecord("comparison", "claim", "candidate", "reference", "verdict", "message");
            for (int i = 0; i < verdicts.size(); i++) {
                ComparisonSpec spec = suite.comparisons().get(i);
                printer.printRecord(spec.name(), spec.comparison().claim(), String.join("+", spec.comparison().candidate()),
                        String.join("+", spec.comparison().reference()), verdicts.get(i).passed() ? "PASS" : "FAIL",
                        verdicts.get(i).message());
            }
            printer.flush();
        });
        StringBuilder md = new StringBuilder("# " + suite.name() + ": comparisons\n\n| comparison | claim | verdict | figures |\n"
                + "|---|---|---|---|\n");
        for (int i = 0; i < verdicts.size(); i++) {
            ComparisonSpec spec = suite.comparisons().get(i);
            md.append("| ").append(spec.name()).append(" | ").append(spec.comparison().claim()).append(" | ")
                    .append(verdicts.get(i).passed() ? "PASS" : "FAIL").append(" | ")
                    .append(verdicts.get(i).message().replace("|", "\\|")).append(" |\n");
        }
        return List.of(csv, AtomicFiles.writeString(dir.resolve("comparisons.md"), md.toString()));
    }

    /**
     * The task's own summary line, {@code <task>.summary.md} beside its journal, for its verdict
     * tests to attach: they finish before the suite's summary exists.
     */
    static Path writeTaskSummary(SuiteSpec suite, TaskSpec spec, TaskOutcome outcome, Settings settings) {
        SuiteSummary summary = new SuiteSummary(suite.name(), List.of(row(suite, spec, outcome, settings)),
                humans(List.of(outcome), settings));
        Path file = outcome.journal().resolveSibling(outcome.journal().getFileName().toString()
                .replaceFirst("\\.csv$", "") + ".summary.md");
        try {
            AtomicFiles.writeString(file, summary.markdown());
        } catch (IOException e) {
            throw new RunException("task " + spec.name() + ": cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    /** The human Cue-Conflict reference from the data, read only when a Cue-Conflict task ran. */
    private static Optional<CueConflictScore> humans(List<TaskOutcome> outcomes, Settings settings) {
        return outcomes.stream().anyMatch(o -> CueConflictOutcome.of(o).isPresent())
                ? CueConflictOutcome.humans(settings.data()) : Optional.empty();
    }

    private static SummaryRow row(SuiteSpec suite, TaskSpec spec, TaskOutcome outcome, Settings settings) {
        return new SummaryRow(outcome, spec.thresholds().accuracy(), verdicts(suite, spec, outcome, settings),
                Verdicts.examplesError(outcome, settings.maxFailedShare()));
    }

    static List<Verdict> verdicts(SuiteSpec suite, TaskSpec spec, TaskOutcome outcome, Settings settings) {
        List<Verdict> verdicts = new ArrayList<>();
        spec.thresholds().accuracy().ifPresent(t -> verdicts.add(Verdicts.accuracy(outcome, t)));
        if (spec.aboveChance()) {
            verdicts.add(chance(suite, spec, outcome, settings));
        }
        if (outcome.baseline().isPresent()) {
            verdicts.add(Verdicts.regression(outcome, spec.thresholds().maxDrop().orElse(0.0),
                    settings.regressionAlpha()));
        }
        spec.thresholds().shapeBias().ifPresent(t -> CueConflictOutcome.of(outcome)
                .ifPresent(score -> verdicts.add(CueConflictOutcome.verdict(score, t))));
        if (verdicts.isEmpty()) {
            verdicts.add(Verdicts.completed(outcome));
        }
        return verdicts;
    }

    /** The chance verdict as the task's {@code expect} reads it. */
    static Verdict chance(SuiteSpec suite, TaskSpec spec, TaskOutcome outcome, Settings settings) {
        return spec.expect() == Expectation.CHANCE
                ? Verdicts.declaredAtChance(outcome, suite.newsLevel(settings.alpha()))
                : Verdicts.aboveChance(outcome, settings.alpha());
    }
}
