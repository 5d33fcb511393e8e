package dev.diffprobe.reports.summary;

import dev.diffprobe.harness.stats.Interval;
import dev.diffprobe.harness.stats.WilsonInterval;

/**
 * A task's headline on one model: which suite and task, the column it belongs to in a table
 * (e.g. {@code tiny-clevr-diffusion (diffusion)} or {@code baseline: ...}), the checkpoint and
 * its kind, how many examples were judged and how many were right (failed examples count as
 * wrong), chance accuracy and mean denoiser calls per example.
 */
public record TaskResult(String suite, String task, String series, String checkpoint, String kind,
                         int n, int correct, double chance, double callsPerExample) {

    public TaskResult {
        if (n < 0 || correct < 0 || correct > n) {
            throw new IllegalArgumentException("task " + task + " on " + series + ": correct " + correct
                    + " of n " + n + " is impossible");
        }
    }

    public double accuracy() {
        return n == 0 ? 0 : (double) correct / n;
    }

    /** The 95% Wilson interval of the accuracy. */
    public Interval interval() {
        return WilsonInterval.of(correct, n);
    }
}
