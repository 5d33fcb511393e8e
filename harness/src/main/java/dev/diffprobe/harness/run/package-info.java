/**
 * Running tasks on checkpoints, without JUnit: what the probe engine calls, and what a plain
 * {@code main} can call too.
 *
 * <h2>Flow</h2>
 * {@link dev.diffprobe.harness.run.TaskRunner} takes a {@link dev.diffprobe.tasks.Task} and
 * {@link dev.diffprobe.harness.run.RunSettings}, opens the checkpoint through a
 * {@link dev.diffprobe.harness.run.ClassifierSource} ({@link dev.diffprobe.harness.run.CheckpointClassifiers}
 * for real checkpoints), classifies the examples its journal does not hold yet and returns a
 * {@link dev.diffprobe.harness.run.TaskOutcome}. {@link dev.diffprobe.harness.run.Verdicts} judges
 * outcomes, {@link dev.diffprobe.harness.run.SuiteSummary} tabulates a suite, and
 * {@link dev.diffprobe.harness.run.Reporter} services (the reports module) add plots and tables.
 *
 * <h2>The journal</h2>
 * One CSV file per task and checkpoint, {@code <outputDir>/<suite>/<task>.csv}, and
 * {@code <task>.baseline.csv} for the baseline checkpoint in regression mode. Header, then one
 * line per finished example in the order examples finished; columns are
 * {@link dev.diffprobe.harness.run.JournalColumn}. Per-candidate values are space-separated in
 * one cell, in candidate order; doubles are written with {@link java.lang.Double#toString(double)},
 * so they read back bit for bit. Error messages are flattened to one line, so that every record
 * is exactly one physical line. {@link dev.diffprobe.harness.run.JournalReader} is the public
 * reader (the reports module builds calibration and plots from it).
 * <ul>
 * <li><b>One writer.</b> A run holds an OS lock on {@code <task>.csv.lock} (not on the journal,
 *     which the run itself reads: on POSIX closing any descriptor of a file drops the process's
 *     locks on it) while it writes the journal. A second process reaching a locked journal waits,
 *     then resumes what the first journaled, so two runs on one output directory compute every
 *     example once; a second open within one JVM is a {@link dev.diffprobe.harness.run.JournalException}.</li>
 * <li><b>Durability.</b> Each line is written with one write and forced to disk before the next
 *     example is journaled: a kill loses at most the line being written.</li>
 * <li><b>Torn line.</b> Bytes after the last newline are a line cut by a kill; they are dropped
 *     and the file truncated there before appending resumes.</li>
 * <li><b>Resume.</b> A rerun reads the journal back, skips the examples it holds and merges them
 *     with the new ones, in the task's order: the outcome equals an uninterrupted run's, since an
 *     example's (t, eps) draws depend only on the run seed and its id. Failed examples are
 *     finished too (their failure is deterministic); delete the journal to retry them.</li>
 * <li><b>Other settings.</b> Each line carries a settings hash over the checkpoint fingerprint,
 *     the run seed and the classifier settings, and a digest of its example's label and prompts.
 *     If any line's hash differs from the current one, or an example still in the task has a
 *     different digest, the file is moved to {@code superseded/<task>.<its settings hash>.csv}
 *     (never replacing one: a second of the same hash gets {@code .2.csv}), and the run continues
 *     from a kept journal of the current hash whose examples still match, or starts afresh. The
 *     examples cap is not in the hash: raising it reuses what ran. Image files are not hashed;
 *     change the seed or move the journal away after editing images.</li>
 * <li><b>File names.</b> Suite and task names map to file names one-to-one ({@link dev.diffprobe.harness.run.FileNames}).</li>
 * <li><b>Result files.</b> Summaries and reports are written whole or not at all
 *     ({@link dev.diffprobe.harness.run.AtomicFiles}).</li>
 * </ul>
 *
 * <h2>Statistics</h2>
 * Accuracy intervals are 95% Wilson intervals; "above chance" is the one-sided exact binomial
 * test; regression mode pairs candidate and baseline by example id and uses the exact McNemar
 * test with Newcombe's hybrid score interval of the paired difference (see
 * {@link dev.diffprobe.harness.stats}). Failed examples count as wrong, and every verdict's message
 * says how many failed and with which errors ({@link dev.diffprobe.harness.run.ExampleFailures});
 * beyond an allowed share the task is an error instead
 * ({@link dev.diffprobe.harness.run.Verdicts#examplesError}).
 *
 * <h2>Progress</h2>
 * On stderr, whole lines only: one per further tenth of a task (at most one per 2 s) and one at
 * least every 60 s, e.g. {@code diffprobe binding/ShapeColor on tiny-clevr-diffusion: 120/200
 * examples (60%), 412.5 calls/s, ETA 1m05s}.
 */
package dev.diffprobe.harness.run;
