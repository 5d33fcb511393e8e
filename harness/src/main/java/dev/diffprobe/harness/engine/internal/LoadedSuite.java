package dev.diffprobe.harness.engine.internal;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** A suite file read without problems, with its checkpoints resolved to directories. */
record LoadedSuite(SuiteFile file, SuiteSpec spec, Path checkpoint, Optional<Path> baseline,
                   Map<String, Path> taskCheckpoints) {
    LoadedSuite {
        taskCheckpoints = Map.copyOf(taskCheckpoints);
    }
}
