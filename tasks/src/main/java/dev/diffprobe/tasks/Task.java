package dev.diffprobe.tasks;

import java.util.List;

/**
 * A named list of examples with the accuracy a random guess would get ({@code chance}), which
 * verdicts test against.
 */
public record Task(String name, String description, List<Example> examples, double chance) {
    public Task {
        examples = List.copyOf(examples);
    }
}
