package dev.diffprobe.harness.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Opens a checkpoint directory as a classifier. The run layer asks for one per checkpoint and
 * run settings; tests pass a fake so that journals and resume are checked without a model.
 */
@FunctionalInterface
public interface ClassifierSource {
    LoadedCheckpoint open(Path checkpoint, RunSettings settings) throws IOException;

    /**
     * The checkpoint as {@link #open} gives it, for a run that reads journals and classifies
     * nothing (a merge of shards): a source that can tell name, fingerprint, kind and settings
     * without loading the weights does so here.
     */
    default LoadedCheckpoint describe(Path checkpoint, RunSettings settings) throws IOException {
        return open(checkpoint, settings);
    }

    /** What the opened checkpoints run on (library versions, device), for reports; none by default. */
    default Map<String, String> runtime() {
        return Map.of();
    }
}
