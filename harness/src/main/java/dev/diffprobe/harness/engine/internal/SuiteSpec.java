package dev.diffprobe.harness.engine.internal;

import dev.diffprobe.harness.run.Expectation;

import java.util.List;
import java.util.Map;

/**
 * A suite file as read: its name (equal to the file's base name, so that {@code -Dsuite=NAME}
 * finds it), the checkpoint its tasks run on, the seed that builds examples and draws the
 * classifier's noise, the classifier settings (setting name to YAML text), and its tasks.
 */
public record SuiteSpec(String name, String description, String checkpoint, long seed,
                        Map<String, String> classifier, List<String> tags, List<TaskSpec> tasks,
                        List<ComparisonSpec> comparisons) {
    public SuiteSpec {
        classifier = Map.copyOf(classifier);
        tags = List.copyOf(tags);
        tasks = List.copyOf(tasks);
        comparisons = List.copyOf(comparisons);
    }

    /**
     * The level at which a task declared {@code expect: chance} is news: {@code alpha} over the
     * number of such tasks in the file (Bonferroni), so that among many tasks at chance a lucky
     * run is rarely announced as news. Counted over the file, not over the tasks a run selects,
     * so that a task's verdict does not depend on which others run beside it.
     */
    public double newsLevel(double alpha) {
        long declared = tasks.stream().filter(t -> t.aboveChance() && t.expect() == Expectation.CHANCE).count();
        return alpha / Math.max(1, declared);
    }
}
