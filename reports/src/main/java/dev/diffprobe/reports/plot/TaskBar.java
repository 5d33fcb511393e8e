package dev.diffprobe.reports.plot;

import dev.diffprobe.harness.stats.Interval;

import java.util.OptionalDouble;

/**
 * One bar of the per-task chart: a task's accuracy under one series (a checkpoint or model
 * kind) with its 95% Wilson interval, the task's chance accuracy and, when the suite declares
 * one, its accuracy threshold.
 */
public record TaskBar(String task, String series, double accuracy, Interval interval, double chance,
                      OptionalDouble threshold) {
}
