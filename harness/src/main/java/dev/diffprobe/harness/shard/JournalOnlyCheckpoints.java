package dev.diffprobe.harness.shard;

import dev.diffprobe.harness.classify.ZeroShotClassifier;
import dev.diffprobe.harness.run.ClassifierSource;
import dev.diffprobe.harness.run.LoadedCheckpoint;
import dev.diffprobe.harness.run.RunSettings;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * Checkpoints for a merge: described by {@code source} (name, fingerprint, kind and settings,
 * without loading weights where the source can), with a classifier that refuses to run. A merge
 * hands the run layer only examples that the merged journal holds, so an example that reaches the
 * classifier means the journal could not be resumed, which the run layer has logged.
 */
public final class JournalOnlyCheckpoints implements ClassifierSource {
    private final ClassifierSource source;

    public JournalOnlyCheckpoints(ClassifierSource source) {
        this.source = source;
    }

    @Override
    public LoadedCheckpoint open(Path checkpoint, RunSettings settings) throws IOException {
        LoadedCheckpoint described = source.describe(checkpoint, settings);
        ZeroShotClassifier refuse = (examples, sink) -> {
            throw new ShardException("a merge classifies nothing, but " + examples.size() + " examples ("
                    + examples.stream().limit(3).map(e -> e.id()).collect(Collectors.joining(", "))
                    + (examples.size() > 3 ? ", ..." : "") + ") were not resumed from the merged journal of "
                    + described.name() + " (see the log: were the shards run from another version of the suite?)");
        };
        return new LoadedCheckpoint(described.name(), described.fingerprint(), described.kind(), refuse,
                described.settings(), described.resources(), described.heldOut());
    }

    @Override
    public LoadedCheckpoint describe(Path checkpoint, RunSettings settings) throws IOException {
        return source.describe(checkpoint, settings);
    }
}
