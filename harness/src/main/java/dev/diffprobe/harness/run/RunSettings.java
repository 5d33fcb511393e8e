package dev.diffprobe.harness.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * What a run of tasks needs beyond the tasks themselves.
 * <ul>
 * <li>{@code checkpoint}: the checkpoint directory tasks run on unless a task names its own.</li>
 * <li>{@code baseline}: regression mode; every task also runs on this checkpoint with the same
 *     examples and seeds, and verdicts compare the two.</li>
 * <li>{@code seed}: the run seed; with an example's id it fixes the classifier's (t, eps) draws.</li>
 * <li>{@code examples}: a cap on the examples per task (the first N of each task), or empty for all.</li>
 * <li>{@code classifier}: the classifier's settings by name, as suites and {@code -D} spell them;
 *     kept sorted so that the journal's settings hash does not depend on their order.</li>
 * <li>{@code outputDir}: where journals and summaries go, {@code <outputDir>/<suite>/<task>.csv}.</li>
 * </ul>
 */
public record RunSettings(Path checkpoint, Optional<Path> baseline, long seed, OptionalInt examples,
                          Map<String, String> classifier, Path outputDir, Duration lockWait) {

    /** How long a run waits for another run's lock on a journal unless told otherwise. */
    public static final Duration DEFAULT_LOCK_WAIT = Duration.ofHours(1);

    /** The output directory a Maven build uses unless told otherwise. */
    public static final Path DEFAULT_OUTPUT_DIR = Path.of("target", "diffprobe");

    public RunSettings {
        if (checkpoint == null) {
            throw new IllegalArgumentException("run settings: checkpoint is required");
        }
        if (examples.isPresent() && examples.getAsInt() < 1) {
            throw new IllegalArgumentException("run settings: examples must be >= 1, got "
                    + examples.getAsInt());
        }
        classifier = Collections.unmodifiableMap(new TreeMap<>(classifier));
        if (lockWait == null || lockWait.isNegative()) {
            throw new IllegalArgumentException("run settings: lockWait must be >= 0, got " + lockWait);
        }
    }

    public static RunSettings of(Path checkpoint, long seed) {
        return new RunSettings(checkpoint, Optional.empty(), seed, OptionalInt.empty(), Map.of(),
                DEFAULT_OUTPUT_DIR, DEFAULT_LOCK_WAIT);
    }

    public RunSettings withBaseline(Path baselineCheckpoint) {
        return new RunSettings(checkpoint, Optional.of(baselineCheckpoint), seed, examples,
                classifier, outputDir, lockWait);
    }

    public RunSettings withExamples(int cap) {
        return new RunSettings(checkpoint, baseline, seed, OptionalInt.of(cap), classifier, outputDir, lockWait);
    }

    public RunSettings withClassifier(Map<String, String> settings) {
        return new RunSettings(checkpoint, baseline, seed, examples, settings, outputDir, lockWait);
    }

    public RunSettings withOutputDir(Path dir) {
        return new RunSettings(checkpoint, baseline, seed, examples, classifier, dir, lockWait);
    }
}
