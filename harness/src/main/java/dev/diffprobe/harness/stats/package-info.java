/**
 * The statistics verdicts rest on: {@link dev.diffprobe.harness.stats.WilsonInterval} (95% score
 * interval of an accuracy), {@link dev.diffprobe.harness.stats.BinomialTest} (one-sided exact test
 * against chance), {@link dev.diffprobe.harness.stats.McNemarTest} (exact test on discordant pairs)
 * and {@link dev.diffprobe.harness.stats.PairedDifferenceInterval} (Newcombe's interval of a paired
 * accuracy difference), combined per task pair in {@link dev.diffprobe.harness.stats.PairedComparison}.
 * Plain functions of counts, tested against hand-computed cases.
 */
package dev.diffprobe.harness.stats;
