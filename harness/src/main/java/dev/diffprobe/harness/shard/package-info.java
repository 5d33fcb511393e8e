/**
 * One suite across many workers, without JUnit: which examples a shard runs, where a shard keeps
 * its journals, and the merge of the shards' journals into the journals an unsharded run writes.
 *
 * <h2>Partition</h2>
 * {@link dev.diffprobe.harness.shard.Shard} {@code i/n} (0-based {@code i}, as Slurm array task ids
 * and Kubernetes completion indexes count) runs the examples whose rank, when a task's examples
 * (after the examples cap) are ordered by the SHA-256 of their id, is {@code i} modulo {@code n}.
 * The partition depends on the ids alone, not on their order, the thread count or the machine, so
 * any worker can run any shard again; shard sizes differ by at most one, and ranking by hash
 * spreads a task's slow and fast examples over the shards alike.
 *
 * <h2>Folders</h2>
 * A shard writes {@code <output>/shard-<i>-of-<n>/<suite>/<task>.csv}, the journal an unsharded
 * run writes under {@code <output>/<suite>/}, and beside it {@code shard.properties}
 * ({@link dev.diffprobe.harness.shard.ShardManifest}): the shard and the settings that decide its
 * results. A rerun of the shard resumes from its journals like any run.
 *
 * <h2>Merge</h2>
 * {@link dev.diffprobe.harness.shard.ShardMerge} checks that the shards found are exactly
 * {@code 0..n-1} of one count, made with the merge's seed, examples cap, classifier settings and
 * checkpoint fingerprints, and that every journal line belongs to its shard; then it writes each
 * task's journal lines, byte for byte, in the task's example order into the journal of an
 * unsharded run, which the run layer resumes in full without classifying anything
 * ({@link dev.diffprobe.harness.shard.JournalOnlyCheckpoints}). Verdicts, summaries, reports and
 * Allure results then come from the ordinary code path.
 */
package dev.diffprobe.harness.shard;
