package dev.diffprobe.harness.engine.internal;

import dev.diffprobe.harness.config.DiffProbeSettings;
import dev.diffprobe.harness.config.Settings;
import dev.diffprobe.harness.run.AllureReport;
import dev.diffprobe.harness.run.Expectation;
import dev.diffprobe.harness.run.FailureCategory;
import dev.diffprobe.harness.run.FailedExamplesException;
import dev.diffprobe.harness.run.CueConflictOutcome;
import dev.diffprobe.harness.run.TaskOutcome;
import dev.diffprobe.harness.run.Verdict;
import dev.diffprobe.harness.run.Verdicts;
import dev.diffprobe.tasks.cue.CueConflictScore;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;
import org.opentest4j.TestAbortedException;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One check of a task, as a test: it judges the outcome its task container computed, publishes
 * the figures as a report entry, labels the test for Allure and asserts with AssertJ, so that a
 * failure reads e.g. {@code ShapeColor: 0.55 [0.48, 0.62] n=200, threshold 0.60 (p=0.082 vs chance 0.50)}.
 */
public final class VerdictDescriptor extends AbstractTestDescriptor implements Node<ProbeContext> {
    private final TaskDescriptor task;
    private final Check check;

    VerdictDescriptor(UniqueId id, TaskDescriptor task, Check check, String displayName, TestSource source) {
        super(id, displayName, source);
        this.task = task;
        this.check = check;
    }

    @Override
    public Type getType() {
        return Type.TEST;
    }

    @Override
    public Set<TestTag> getTags() {
        Set<TestTag> tags = new LinkedHashSet<>(task.getTags());
        tags.add(Tags.verdict(check));
        return tags;
    }

    /** A shard has a slice of each task, not a sample to judge: its verdicts come from the merge. */
    @Override
    public SkipResult shouldBeSkipped(ProbeContext context) {
        return context.settings().shards().shard().map(shard -> SkipResult.skip("shard " + shard
                + " runs no verdicts (a slice of the examples is no sample): merge the shards with -D"
                + DiffProbeSettings.MERGE + "=<their output folder>")).orElseGet(SkipResult::doNotSkip);
    }

    @Override
    public ProbeContext execute(ProbeContext context, DynamicTestExecutor dynamicTestExecutor) {
        TaskOutcome outcome = context.outcome().orElseThrow(() -> new IllegalStateException(
                "verdict " + check.word() + " of task " + task.spec().name() + " ran before its task"));
        Thresholds thresholds = task.spec().thresholds();
        Optional<String> error = Verdicts.examplesError(outcome, context.settings().maxFailedShare());
        if (error.isPresent()) {
            context.listener().reportingEntryPublished(this, ReportEntry.from(Map.of("allure.parameter", "verdict",
                    "value", error.get())));
            AllureReport.annotate(outcome, check.word(), context.attachments());
            throw new FailedExamplesException(error.get() + " (-D" + DiffProbeSettings.MAX_FAILED_SHARE + "="
                    + context.settings().maxFailedShare() + ")");
        }
        Verdict verdict = judge(outcome, thresholds, context.settings());
        context.listener().reportingEntryPublished(this, ReportEntry.from(check.word(), verdict.message()));
        if (verdict.status() == Verdict.Status.NEWS || verdict.status() == Verdict.Status.AT_CHANCE) {
            context.listener().reportingEntryPublished(this, ReportEntry.from(Map.of("allure.parameter", "capability",
                    "value", verdict.status() == Verdict.Status.NEWS ? "NEWS: above chance, declared expect: chance"
                            : "at chance, as declared (expect: chance)")));
        }
        // allure-junit-platform turns an entry with these keys into a parameter of the test's result,
        // so the figures show in the report for a passed verdict too.
        context.listener().reportingEntryPublished(this, ReportEntry.from(Map.of("allure.parameter", "verdict",
                "value", verdict.message())));
        cueConflictParameters(outcome, context);
        AllureReport.annotate(outcome, check.word(), context.attachments());
        String failure = failureMessage(verdict);
        switch (check) {
            case THRESHOLD -> assertThat(outcome.accuracy()).withFailMessage(failure)
                    .isGreaterThanOrEqualTo(thresholds.accuracy().orElseThrow());
            case CHANCE -> {
                if (verdict.status() == Verdict.Status.AT_CHANCE) {
                    throw new TestAbortedException(verdict.message());
                }
                assertThat(verdict.passed()).withFailMessage(failure).isTrue();
            }
            case REGRESSION -> assertThat(verdict.passed()).withFailMessage(failure).isTrue();
            case SHAPE_BIAS -> assertThat(verdict.passed()).withFailMessage(failure).isTrue();
            case COMPLETED -> assertThat(outcome.failures()).withFailMessage(failure).isZero();
        }
        return context;
    }

    /** The message a failure of this verdict reads, led by its {@link FailureCategory} (Allure sorts by it). */
    private String failureMessage(Verdict verdict) {
        return switch (check) {
            case THRESHOLD, REGRESSION, SHAPE_BIAS -> FailureCategory.REGRESSION.message(verdict.message());
            case CHANCE -> FailureCategory.NOT_ABOVE_CHANCE.message(verdict.message());
            case COMPLETED -> FailureCategory.EXAMPLE_ERRORS.message(verdict.message());
        };
    }

    private Verdict judge(TaskOutcome outcome, Thresholds thresholds, Settings settings) {
        return switch (check) {
            case THRESHOLD -> Verdicts.accuracy(outcome, thresholds.accuracy().orElseThrow());
            case CHANCE -> SuiteReport.chance(task.suite().spec(), task.spec(), outcome, settings);
            case REGRESSION -> Verdicts.regression(outcome, thresholds.maxDrop().orElse(0.0), settings.regressionAlpha());
            case SHAPE_BIAS -> CueConflictOutcome.verdict(CueConflictOutcome.of(outcome).orElseThrow(() ->
                    new IllegalStateException("task " + task.spec().name() + " has no Cue-Conflict examples")),
                    thresholds.shapeBias().orElseThrow());
            case COMPLETED -> Verdicts.completed(outcome);
        };
    }

    /** A Cue-Conflict task's shape accuracy and bias, and the humans', as parameters of every verdict in Allure. */
    private void cueConflictParameters(TaskOutcome outcome, ProbeContext context) {
        CueConflictOutcome.of(outcome).ifPresent(score -> {
            Map<String, String> figures = new java.util.LinkedHashMap<>();
            figures.put("shape accuracy", String.format(Locale.ROOT, "%.3f", score.shapeAccuracy()));
            figures.put("shape bias", score.shapeBiasText());
            figures.put("human shape bias", CueConflictOutcome.humans(context.settings().data())
                    .map(CueConflictScore::shapeBiasText).orElse("not in the data"));
            figures.forEach((name, value) -> context.listener().reportingEntryPublished(this,
                    ReportEntry.from(Map.of("allure.parameter", name, "value", value))));
            context.listener().reportingEntryPublished(this, ReportEntry.from("cue-conflict", score.describe()));
        });
    }

    /**
     * The test's name as a person reads it in a report, led by suite and task, since Surefire's
     * report merges tests of one name: {@code binding/ShapeColor: accuracy >= 0.60}.
     */
    static String displayName(SuiteSpec suite, TaskSpec task, Check check, Settings settings) {
        Thresholds thresholds = task.thresholds();
        return suite.name() + "/" + task.name() + ": " + switch (check) {
            case THRESHOLD -> "accuracy >= " + Verdicts.threshold(thresholds.accuracy().orElseThrow());
            case CHANCE -> task.expect() == Expectation.CHANCE
                    ? "known at chance (expect: chance; news if binomial p < "
                            + Verdicts.p(suite.newsLevel(settings.alpha())) + ")"
                    : "above chance (binomial test, alpha " + settings.alpha() + ")";
            case REGRESSION -> String.format(Locale.ROOT, "no regression vs baseline (McNemar, alpha %s, max drop %.2f)",
                    settings.regressionAlpha(), thresholds.maxDrop().orElse(0.0));
            case SHAPE_BIAS -> String.format(Locale.ROOT, "shape bias >= %.2f", thresholds.shapeBias().orElseThrow());
            case COMPLETED -> "every example classified (runs for the suite's comparisons)";
        };
    }
}
