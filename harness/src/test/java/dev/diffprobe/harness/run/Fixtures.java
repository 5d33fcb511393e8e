package dev.diffprobe.harness.run;

import dev.diffprobe.harness.classify.Classification;
import dev.diffprobe.tasks.Candidate;
import dev.diffprobe.tasks.Example;
import dev.diffprobe.tasks.Task;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Tasks whose images are never loaded (the fake classifier needs none) and outcome helpers. */
final class Fixtures {
    private Fixtures() {
    }

    static Task task(String name, int n) {
        return task(name, n, "");
    }

    /** A three-way task; example 3 is corrupt; {@code promptSuffix} changes every prompt. */
    static Task task(String name, int n, String promptSuffix) {
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = name + "-" + i + (i == 3 ? "-corrupt" : "");
            List<Candidate> candidates = List.of(Candidate.of("a red cube" + promptSuffix),
                    Candidate.of("a blue sphere" + promptSuffix), Candidate.of("a green, \"shiny\" cylinder" + promptSuffix));
            examples.add(new Example(id, resolution -> {
                throw new IOException("the fake classifier never loads images");
            }, candidates, i % 3, Map.of()));
        }
        return new Task(name, "a test task", examples, 1.0 / 3);
    }

    /** A source of fake classifiers; {@code fingerprint} stands for the checkpoint's files. */
    static ClassifierSource source(String fingerprint, int dieAfter) {
        return (checkpoint, settings) -> new LoadedCheckpoint(checkpoint.getFileName().toString(), fingerprint,
                "diffusion", new FakeClassifier(settings.seed(), dieAfter), Map.of("weighting", "heuristic(k=7.0)"),
                () -> { });
    }

    static RunSettings settings(Path out) {
        return RunSettings.of(Path.of("checkpoints", "tiny"), 11).withOutputDir(out);
    }

    /** Every field of every classification, arrays by value, for exact comparison of runs. */
    static List<String> describe(TaskOutcome outcome) {
        return outcome.classifications().stream().map(Fixtures::describe).collect(Collectors.toList());
    }

    static String describe(Classification c) {
        return String.join("|", c.exampleId(), Integer.toString(c.label()), Integer.toString(c.predicted()),
                Arrays.toString(c.meanScores()), Arrays.toString(c.scoreCounts()), Long.toString(c.denoiserCalls()),
                Arrays.toString(c.droppedAtRound()), Arrays.toString(c.softmax()), c.error().toString());
    }
}
