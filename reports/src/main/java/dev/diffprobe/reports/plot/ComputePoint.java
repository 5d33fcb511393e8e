package dev.diffprobe.reports.plot;

import dev.diffprobe.harness.stats.Interval;

/**
 * One run on the accuracy-versus-compute plane: which curve it belongs to (a classifier mode or
 * a checkpoint), its label on the plot (e.g. the setting that differs), the mean number of
 * denoiser calls per example and the accuracy with its 95% interval.
 */
public record ComputePoint(String series, String label, double meanCalls, double accuracy, Interval interval) {
}
