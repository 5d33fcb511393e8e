package dev.diffprobe.reports;

import dev.diffprobe.harness.classify.Classification;
import dev.diffprobe.harness.run.RunSettings;
import dev.diffprobe.harness.run.TaskOutcome;
import dev.diffprobe.tasks.Candidate;
import dev.diffprobe.tasks.Example;
import dev.diffprobe.tasks.Task;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/** Synthetic task outcomes: what the run layer hands reporters, without a model. */
final class Outcomes {

    private Outcomes() {
    }

    /** A two-way binding-like task whose prompts differ per example. */
    static Task bindingTask(String name, int n) {
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<Candidate> candidates = List.of(Candidate.of("A red cube and a blue sphere " + i + "."),
                    Candidate.of("A blue cube and a red sphere " + i + "."));
            examples.add(new Example(name + "-" + i, resolution -> {
                throw new IOException("no image in a report test");
            }, candidates, i % 2, Map.of()));
        }
        return new Task(name, "synthetic", examples, 0.5);
    }

    /**
     * Results where harder examples (more calls) are more often wrong, as under pruning;
     * {@code skill} shifts the accuracy.
     */
    static List<Classification> results(Task task, long seed, double skill, String mode) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Classification> results = new ArrayList<>();
        for (Example example : task.examples()) {
            long calls = mode.equals("pruned") ? 40 + random.nextInt(2000) : 4000;
            double pCorrect = 1 / (1 + Math.exp(0.002 * calls - 2 - skill));
            boolean correct = random.nextDouble() < pCorrect;
            int label = example.label();
            int predicted = correct ? label : 1 - label;
            double[] scores = new double[2];
            scores[predicted] = 0.10 + 0.01 * random.nextDouble();
            scores[1 - predicted] = scores[predicted] + 0.02 * random.nextDouble();
            results.add(new Classification(example.id(), label, predicted, scores, new int[] {20, 20}, calls,
                    new int[] {-1, -1}, new double[] {0.5, 0.5}, Optional.empty()));
        }
        return results;
    }

    static TaskOutcome outcome(String suite, Task task, Path dir, String checkpoint, String mode, double skill,
                               long seed, boolean baseline) {
        Optional<TaskOutcome> base = baseline
                ? Optional.of(outcome(suite, task, dir, checkpoint + "-early", mode, skill - 1, seed + 1, ".baseline.csv",
                        Optional.empty()))
                : Optional.empty();
        return outcome(suite, task, dir, checkpoint, mode, skill, seed, ".csv", base);
    }

    /** A contrastive model's run of {@code task} under another task name, as a suite puts a twin beside a model. */
    static TaskOutcome contrastive(String suite, Task task, String name, Path dir, String checkpoint, long seed) {
        Task renamed = new Task(name, task.description(), task.examples(), task.chance());
        TaskOutcome run = outcome(suite, renamed, dir, checkpoint, "", 1, seed, ".csv", Optional.empty());
        return new TaskOutcome(run.suite(), run.task(), run.checkpoint(), run.checkpointName(),
                run.checkpointFingerprint(), "contrastive", Map.of("temperature", "0.01"), run.settings(),
                run.classifications(), 0, run.wallTime(), run.journal(), Optional.empty());
    }

    private static TaskOutcome outcome(String suite, Task task, Path dir, String checkpoint, String mode,
                                       double skill, long seed, String suffix, Optional<TaskOutcome> baseline) {
        return new TaskOutcome(suite, task, dir.resolve(checkpoint), checkpoint, "f1ngerpr1nt", "diffusion",
                Map.of("mode", mode, "weighting", "heuristic(k=7.0)"), RunSettings.of(dir.resolve(checkpoint), seed),
                results(task, seed, skill, mode), 0, Duration.ofSeconds(3),
                dir.resolve(suite).resolve(task.name() + suffix), baseline);
    }
}
