package dev.diffprobe.harness.engine.internal;

import dev.diffprobe.harness.run.AtomicFiles;
import dev.diffprobe.harness.run.Expectation;
import dev.diffprobe.harness.run.Reporters;
import dev.diffprobe.harness.run.RunException;
import dev.diffprobe.harness.run.SuiteSummary;
import dev.diffprobe.harness.run.SummaryRow;
import dev.diffprobe.harness.run.TaskOutcome;
import dev.diffprobe.harness.run.Verdict;
import dev.diffprobe.harness.run.Verdicts;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The end of a suite: its summary table printed and written beside the journals, then the
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
            rows.add(new SummaryRow(outcome, spec.thresholds().accuracy(),
                    verdicts(suite, spec, outcome, context.settings())));
        }
        SuiteSummary summary = new SuiteSummary(suite.name(), rows);
        summary.print(System.out);
        Path dir = outcomes.get(0).journal().getParent();
        List<Path> files = new ArrayList<>();
        try {
            files.addAll(summary.write(dir));
        } catch (IOException e) {
            throw new RunException("suite " + suite.name() + ": cannot write the summary into " + dir + ": "
                    + e.getMessage(), e);
        }
        Reporters.ReportFiles reported = context.reporters().suiteFinished(outcomes, context.settings().output());
        reported.failures().forEach(System.err::println);
        files.addAll(reported.files());
        return files;
    }

    /**
     * The task's own summary line, {@code <task>.summary.md} beside its journal, for its verdict
     * tests to attach: they finish before the suite's summary exists.
     */
    static Path writeTaskSummary(SuiteSpec suite, TaskSpec spec, TaskOutcome outcome, EngineSettings settings) {
        SuiteSummary summary = new SuiteSummary(suite.name(), List.of(new SummaryRow(outcome,
                spec.thresholds().accuracy(), verdicts(suite, spec, outcome, settings))));
        Path file = outcome.journal().resolveSibling(outcome.journal().getFileName().toString()
                .replaceFirst("\\.csv$", "") + ".summary.md");
        try {
            AtomicFiles.writeString(file, summary.markdown());
        } catch (IOException e) {
            throw new RunException("task " + spec.name() + ": cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    static List<Verdict> verdicts(SuiteSpec suite, TaskSpec spec, TaskOutcome outcome, EngineSettings settings) {
        List<Verdict> verdicts = new ArrayList<>();
        spec.thresholds().accuracy().ifPresent(t -> verdicts.add(Verdicts.accuracy(outcome, t)));
        if (spec.aboveChance()) {
            verdicts.add(chance(suite, spec, outcome, settings));
        }
        if (outcome.baseline().isPresent()) {
            verdicts.add(Verdicts.regression(outcome, spec.thresholds().maxDrop().orElse(0.0),
                    settings.regressionAlpha()));
        }
        spec.thresholds().shapeBias().ifPresent(t -> verdicts.add(ShapeBias.of(outcome).verdict(t)));
        return verdicts;
    }

    /** The chance verdict as the task's {@code expect} reads it. */
    static Verdict chance(SuiteSpec suite, TaskSpec spec, TaskOutcome outcome, EngineSettings settings) {
        return spec.expect() == Expectation.CHANCE
                ? Verdicts.declaredAtChance(outcome, suite.newsLevel(settings.alpha()))
                : Verdicts.aboveChance(outcome, settings.alpha());
    }
}
