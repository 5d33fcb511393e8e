package dev.diffprobe.models;

import java.util.List;

/**
 * A checkpoint that cannot be used: a missing or invalid model.yaml field, a missing file, or a
 * TorchScript file whose signature does not fit. The message names every problem found.
 */
public class CheckpointException extends RuntimeException {

    private final List<String> problems;

    public CheckpointException(String checkpoint, List<String> problems) {
        super(format(checkpoint, problems));
        this.problems = List.copyOf(problems);
    }

    public CheckpointException(String checkpoint, String problem, Throwable cause) {
        super(format(checkpoint, List.of(problem)), cause);
        this.problems = List.of(problem);
    }

    /** Each problem on its own, in the order found. */
    public List<String> problems() {
        return problems;
    }

    private static String format(String checkpoint, List<String> problems) {
        if (problems.size() == 1) {
            return "checkpoint " + checkpoint + ": " + problems.get(0);
        }
        StringBuilder message =
                new StringBuilder("checkpoint " + checkpoint + ": " + problems.size() + " problems");
        for (String problem : problems) {
            message.append("\n  - ").append(problem);
        }
        return message.toString();
    }
}
