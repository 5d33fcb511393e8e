package dev.diffprobe.harness.engine.internal;

import java.util.List;
import java.util.Map;

/**
 * A suite file as read: its name (equal to the file's base name, so that {@code -Dsuite=NAME}
 * finds it), the checkpoint its tasks run on, the seed that builds examples and draws the
 * classifier's noise, the classifier settings (setting name to YAML text), and its tasks.
 */
public record SuiteSpec(String name, String description, String checkpoint, long seed,
                        Map<String, String> classifier, List<String> tags, List<TaskSpec> tasks) {
    public SuiteSpec {
        classifier = Map.copyOf(classifier);
        tags = List.copyOf(tags);
        tasks = List.copyOf(tasks);
    }
}
