package dev.diffprobe.harness.engine.internal;

import dev.diffprobe.harness.config.Settings;
import dev.diffprobe.harness.run.Claim;
import dev.diffprobe.harness.run.Claims;
import dev.diffprobe.harness.run.Comparison;
import dev.diffprobe.harness.run.FailureCategory;
import dev.diffprobe.harness.run.TaskOutcome;
import dev.diffprobe.harness.run.Verdict;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One comparison of a suite, as a test that runs after all the suite's tasks: it judges the claim
 * on their outcomes and fails with the statistic in its message, e.g. {@code Algorithm 1 vs no
 * pruning: 0.953 vs 0.955 on the same 500 examples ...; lower end -0.0120 <= -margin 0.010}.
 */
final class ComparisonDescriptor extends AbstractTestDescriptor implements Node<ProbeContext> {
    private final SuiteDescriptor suite;
    private final ComparisonSpec spec;

    ComparisonDescriptor(UniqueId id, SuiteDescriptor suite, ComparisonSpec spec, String displayName,
                         TestSource source) {
        super(id, displayName, source);
        this.suite = suite;
        this.spec = spec;
    }

    @Override
    public Type getType() {
        return Type.TEST;
    }

    @Override
    public Set<TestTag> getTags() {
        Set<TestTag> tags = new LinkedHashSet<>(suite.getTags());
        tags.add(TestTag.create(Tags.VERDICT_PREFIX + "comparison"));
        return tags;
    }

    static String displayName(String suite, Comparison comparison, double alpha) {
        String says = Claims.load().find(comparison.claim()).map(c -> c.describe(comparison, alpha))
                .orElse(comparison.claim());
        return suite + "/" + comparison.name() + ": " + String.join("+", comparison.candidate()) + " " + says;
    }

    @Override
    public ProbeContext execute(ProbeContext context, DynamicTestExecutor dynamicTestExecutor) {
        Verdict verdict = judge(spec, context.suiteOutcomes().orElse(List.of()), context.settings());
        context.listener().reportingEntryPublished(this, ReportEntry.from(verdict.check(), verdict.message()));
        context.listener().reportingEntryPublished(this, ReportEntry.from(Map.of("allure.parameter", "verdict",
                "value", verdict.message())));
        assertThat(verdict.passed()).withFailMessage(FailureCategory.CLAIM.message(verdict.message())).isTrue();
        return context;
    }

    /**
     * The comparison's verdict on the suite's outcomes; a task that did not finish (skipped, or its
     * run failed) makes it fail with that task named, since nothing can be claimed without it.
     */
    static Verdict judge(ComparisonSpec spec, List<TaskOutcome> outcomes, Settings settings) {
        double alpha = settings.alpha();
        Comparison comparison = spec.comparison();
        Claim claim = Claims.load(settings.reports()).find(comparison.claim()).orElseThrow(() -> new IllegalStateException(
                "comparison " + comparison.name() + ": unknown claim '" + comparison.claim() + "'"));
        List<String> missing = new ArrayList<>();
        List<TaskOutcome> candidate = find(comparison.candidate(), outcomes, missing);
        List<TaskOutcome> reference = find(comparison.reference(), outcomes, missing);
        if (!missing.isEmpty()) {
            return new Verdict(claim.word(), false, comparison.name() + ": cannot be judged, task(s) "
                    + String.join(", ", missing) + " have no results in this run (skipped or failed)");
        }
        try {
            return claim.judge(comparison, candidate, reference, alpha);
        } catch (IllegalArgumentException e) {
            return new Verdict(claim.word(), false, comparison.name() + ": cannot be judged: " + e.getMessage());
        }
    }

    private static List<TaskOutcome> find(List<String> names, List<TaskOutcome> outcomes, List<String> missing) {
        List<TaskOutcome> found = new ArrayList<>();
        for (String name : names) {
            Optional<TaskOutcome> outcome = outcomes.stream().filter(o -> o.taskName().equals(name)).findFirst();
            outcome.ifPresentOrElse(found::add, () -> missing.add(name));
        }
        return found;
    }
}
