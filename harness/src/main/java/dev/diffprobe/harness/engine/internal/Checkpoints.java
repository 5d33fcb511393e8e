package dev.diffprobe.harness.engine.internal;

import dev.diffprobe.models.CheckpointException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Turns a checkpoint reference from a suite, {@code -Dmodel} or {@code -Dbaseline} into a
 * directory through the models module: a checkpoint directory, or the name of a checkpoint
 * embedded in the models jar. Discovery also asks for the directory's {@code model.yaml}, so
 * that a wrong directory is named before anything runs; the models module validates the rest
 * when it loads the checkpoint.
 */
final class Checkpoints {
    static final String MODEL_YAML = "model.yaml";

    private Checkpoints() {
    }

    /** The checkpoint directory, an embedded one extracted into {@code cache}. */
    static Optional<Path> resolve(String reference, Path cache) {
        return outcome(reference, cache).path();
    }

    /** Why {@code reference} does not resolve. */
    static String problem(String reference, Path cache) {
        return outcome(reference, cache).problem().orElse("checkpoint '" + reference + "' resolves");
    }

    private record Outcome(Optional<Path> path, Optional<String> problem) {
    }

    private static Outcome outcome(String reference, Path cache) {
        try {
            Path dir = dev.diffprobe.models.Checkpoints.resolve(reference, cache);
            if (!Files.isRegularFile(dir.resolve(MODEL_YAML))) {
                return new Outcome(Optional.empty(), Optional.of("checkpoint '" + reference + "': "
                        + dir.toAbsolutePath().normalize() + " has no " + MODEL_YAML + ", so it is not a checkpoint"));
            }
            return new Outcome(Optional.of(dir.toAbsolutePath().normalize()), Optional.empty());
        } catch (CheckpointException e) {
            return new Outcome(Optional.empty(), Optional.of("checkpoint '" + reference + "' not found: "
                    + e.getMessage() + " (working directory " + Path.of("").toAbsolutePath() + ")"));
        }
    }
}
