package dev.diffprobe.harness.run;

import dev.diffprobe.harness.classify.Classification;
import dev.diffprobe.harness.stats.BinomialTest;
import dev.diffprobe.harness.stats.Interval;
import dev.diffprobe.harness.stats.WilsonInterval;
import dev.diffprobe.tasks.Task;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A task's results on one checkpoint: one classification per example run, in the task's order,
 * whether it came from this run or the journal of an earlier one. A failed example (a named
 * error) counts as wrong: a crash must not raise accuracy. {@code wallTime} is this run's time
 * only; {@code resumed} counts the examples read back from the journal. {@code kind} and
 * {@code classifierSettings} are the checkpoint's kind and its classifier's effective settings
 * (see {@link LoadedCheckpoint}). In regression mode {@code baseline} holds the same examples on
 * the baseline checkpoint. {@code heldOut} lists the checkpoint's held-out {@code shape:colour}
 * compositions, by which {@link #compositions()} splits a binding task's examples.
 */
public record TaskOutcome(String suite, Task task, Path checkpoint, String checkpointName,
                          String checkpointFingerprint, String kind, Map<String, String> classifierSettings,
                          RunSettings settings,
                          List<Classification> classifications, int resumed, Duration wallTime,
                          Path journal, Optional<TaskOutcome> baseline, List<String> heldOut) {
    public TaskOutcome {
        classifierSettings = Map.copyOf(classifierSettings);
        classifications = List.copyOf(classifications);
        heldOut = List.copyOf(heldOut);
    }

    /** An outcome on a checkpoint that declares no held-out compositions. */
    public TaskOutcome(String suite, Task task, Path checkpoint, String checkpointName, String checkpointFingerprint,
                       String kind, Map<String, String> classifierSettings, RunSettings settings,
                       List<Classification> classifications, int resumed, Duration wallTime, Path journal,
                       Optional<TaskOutcome> baseline) {
        this(suite, task, checkpoint, checkpointName, checkpointFingerprint, kind, classifierSettings, settings,
                classifications, resumed, wallTime, journal, baseline, List.of());
    }

    /**
     * Accuracy on seen and unseen compositions, when the checkpoint declares held-out ones and
     * the task's examples name their scene's compositions (binding tasks); empty otherwise.
     */
    public Optional<CompositionSplit> compositions() {
        return CompositionSplit.of(this);
    }

    public String taskName() {
        return task.name();
    }

    public int n() {
        return classifications.size();
    }

    public int correct() {
        return (int) classifications.stream().filter(Classification::correct).count();
    }

    public int failures() {
        return (int) classifications.stream().filter(c -> c.error().isPresent()).count();
    }

    public double accuracy() {
        return n() == 0 ? 0 : (double) correct() / n();
    }

    /** The 95% Wilson interval of the accuracy. */
    public Interval interval() {
        return WilsonInterval.of(correct(), n());
    }

    /** The one-sided exact binomial p-value of an accuracy this high under chance guessing. */
    public double pAboveChance() {
        return BinomialTest.pAtLeast(correct(), n(), task.chance());
    }

    public double callsPerExample() {
        return n() == 0 ? 0 : totalCalls() / (double) n();
    }

    public long totalCalls() {
        return classifications.stream().mapToLong(Classification::denoiserCalls).sum();
    }
}
