package dev.diffprobe.tasks;

import java.util.List;

/**
 * One class an example may belong to: its name, and the prompts that describe it (one by
 * default; several for a template ensemble, whose scores are averaged).
 */
public record Candidate(String name, List<String> prompts) {
    public Candidate {
        if (prompts.isEmpty()) {
            throw new IllegalArgumentException("candidate '" + name + "' has no prompt");
        }
        prompts = List.copyOf(prompts);
    }

    public static Candidate of(String prompt) {
        return new Candidate(prompt, List.of(prompt));
    }
}
