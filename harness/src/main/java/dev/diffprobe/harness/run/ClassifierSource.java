package dev.diffprobe.harness.run;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Opens a checkpoint directory as a classifier. The run layer asks for one per checkpoint and
 * run settings; tests pass a fake so that journals and resume are checked without a model.
 */
@FunctionalInterface
public interface ClassifierSource {
    LoadedCheckpoint open(Path checkpoint, RunSettings settings) throws IOException;
}
