package dev.diffprobe.reports;

import dev.diffprobe.harness.classify.Classification;
import dev.diffprobe.harness.run.Claims;
import dev.diffprobe.harness.run.Comparison;
import dev.diffprobe.harness.run.RunSettings;
import dev.diffprobe.harness.run.TaskOutcome;
import dev.diffprobe.harness.run.Verdict;
import dev.diffprobe.tasks.Task;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The better-calibrated claim on synthetic runs of the same 600 examples, 70% right on both sides:
 * the pruned side's calls separate right from wrong (Platt is nearly perfectly calibrated), the
 * unpruned side's score gaps are unrelated to correctness (temperature scaling cannot help).
 */
class CalibrationClaimTest {
    private static final Path DIR = Path.of("target", "calibration-claim");
    private static final Task TASK = Outcomes.bindingTask("Color", 600);

    private static TaskOutcome run(String name, String mode) {
        SplittableRandom random = new SplittableRandom(3);
        List<Classification> results = new ArrayList<>();
        for (var example : TASK.examples()) {
            boolean correct = random.nextDouble() < 0.7;
            int label = example.label();
            int predicted = correct ? label : 1 - label;
            double[] scores = new double[2];
            scores[predicted] = 1.0;
            scores[1 - predicted] = 1.0 + 3 * random.nextDouble();
            long calls = mode.equals("pruned") ? (correct ? 10 : 32) : 32;
            results.add(new Classification(example.id(), label, predicted, scores, new int[] {16, 16}, calls,
                    new int[] {-1, -1}, new double[] {0.5, 0.5}, Optional.empty()));
        }
        Task named = new Task(name, TASK.description(), TASK.examples(), TASK.chance());
        return new TaskOutcome("paper", named, DIR, "fake", "f1ngerpr1nt", "diffusion",
                Map.of("mode", mode, "weighting", "heuristic(k=7.0)"), RunSettings.of(DIR, 1), results, 0,
                Duration.ZERO, DIR.resolve(name + ".csv"), Optional.empty());
    }

    private static Verdict judge(TaskOutcome candidate, TaskOutcome reference) {
        Comparison comparison = new Comparison("calibration", "better-calibrated", List.of(candidate.taskName()),
                List.of(reference.taskName()), OptionalDouble.empty(), OptionalDouble.empty());
        return Claims.load().find("better-calibrated").orElseThrow()
                .judge(comparison, List.of(candidate), List.of(reference), 0.05);
    }

    @Test
    void plattOnInformativeCallsBeatsTemperatureOnUninformativeScoresAndNotTheOtherWayRound() {
        TaskOutcome pruned = run("Color-pruned", "pruned");
        TaskOutcome unpruned = run("Color-unpruned", "shared");

        Verdict platt = judge(pruned, unpruned);
        assertThat(platt.passed()).as(platt.message()).isTrue();
        assertThat(platt.message()).startsWith("calibration: Platt (calls) on Color-pruned: held-out ECE 0.0")
                .contains("Temperature (mean scores) on Color-unpruned").contains("2000 resamples");

        Verdict reverse = judge(unpruned, pruned);
        assertThat(reverse.passed()).as(reverse.message()).isFalse();
        assertThat(reverse.message()).contains("bootstrap lower bound -");
    }

    @Test
    void theVerdictIsTheSameOnEveryRun() {
        TaskOutcome pruned = run("Color-pruned", "pruned");
        TaskOutcome unpruned = run("Color-unpruned", "shared");
        assertThat(judge(pruned, unpruned).message()).isEqualTo(judge(pruned, unpruned).message());
    }
}
