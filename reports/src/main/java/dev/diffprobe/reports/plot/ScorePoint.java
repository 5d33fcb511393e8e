package dev.diffprobe.reports.plot;

/** One kept score of one candidate of an example: the round's noise level t and w(t) * error. */
public record ScorePoint(String candidate, double t, double weightedScore) {
}
