package dev.diffprobe.reports.plot;

import dev.diffprobe.harness.stats.Interval;

/**
 * A task's candidate-minus-baseline accuracy on the same examples, with its 95% interval, the
 * discordant counts and the exact one-sided McNemar p-value of "the candidate is worse".
 */
public record PairedDifference(String task, double difference, Interval interval, int lost, int gained,
                               double pWorse) {
}
