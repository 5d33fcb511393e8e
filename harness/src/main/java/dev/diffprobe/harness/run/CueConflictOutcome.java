package dev.diffprobe.harness.run;

import dev.diffprobe.tasks.Example;
import dev.diffprobe.tasks.cue.CueConflict;
import dev.diffprobe.tasks.cue.CueConflictScore;
import dev.diffprobe.tasks.cue.Decision;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Cue-Conflict figures of a task's outcome, by the tasks module's one definition
 * ({@link CueConflictScore}): shape accuracy and shape bias, for every run of a Cue-Conflict task
 * whether or not a suite sets a shape-bias threshold, beside the human observers' figures read
 * from the data.
 */
public final class CueConflictOutcome {
    /** The check word of the shape-bias verdict. */
    public static final String CHECK = "shape-bias";

    private static final Map<List<Path>, Optional<CueConflictScore>> HUMANS = new ConcurrentHashMap<>();

    private CueConflictOutcome() {
    }

    /**
     * The score of the outcome's decisions, or empty when its task is not a Cue-Conflict task (its
     * examples lack the shape and texture a {@link CueConflict} example carries). A failed example
     * is no decision: it counts as a trial answered with neither cue.
     */
    public static Optional<CueConflictScore> of(TaskOutcome outcome) {
        List<Example> examples = outcome.task().examples();
        if (examples.isEmpty() || !examples.stream().allMatch(CueConflictOutcome::isStimulus)) {
            return Optional.empty();
        }
        Map<String, Example> byId = new java.util.HashMap<>();
        examples.forEach(e -> byId.put(e.id(), e));
        List<Decision> decisions = new ArrayList<>(outcome.classifications().size());
        outcome.classifications().forEach(c -> decisions.add(Decision.of(byId.get(c.exampleId()),
                c.error().isPresent() ? -1 : c.predicted())));
        return Optional.of(CueConflictScore.of(decisions));
    }

    /** The human observers' score from the data roots, read once per roots; empty where the data has none. */
    public static Optional<CueConflictScore> humans(List<Path> roots) {
        return HUMANS.computeIfAbsent(List.copyOf(roots), r -> {
            try {
                return CueConflict.humans(r);
            } catch (IOException e) {
                throw new RunException("cannot read the human Cue-Conflict responses under " + r + ": "
                        + e.getMessage(), e);
            }
        });
    }

    /** Shape bias at least {@code threshold}; an undefined shape bias fails, saying why. */
    public static Verdict verdict(CueConflictScore score, double threshold) {
        boolean passed = score.shapeBias().isPresent() && score.shapeBias().getAsDouble() >= threshold;
        return new Verdict(CHECK, passed, score.describe() + String.format(Locale.ROOT, ", threshold %.2f", threshold));
    }

    private static boolean isStimulus(Example example) {
        return example.attributes().containsKey("shape") && example.attributes().containsKey("texture");
    }
}
