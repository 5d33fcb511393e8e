package dev.diffprobe.harness.classify;

import dev.diffprobe.harness.config.ProjectLayout;
import dev.diffprobe.models.Checkpoints;
import dev.diffprobe.models.ModelConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * A committed learned weighting must fit the checkpoint it sits beside: re-exporting or
 * re-tracing a checkpoint changes its fingerprint, and the paper suite's learned-weighting task
 * would then refuse the file at run time, long after the change was committed.
 */
class CommittedLearnedWeightingTest {
    private static final Path CHECKPOINTS = ProjectLayout.root().resolve("models/checkpoints");

    @Test
    void everyCommittedWeightingWasFittedOnTheCheckpointBesideIt() throws IOException {
        List<Path> files;
        try (Stream<Path> dirs = Files.list(CHECKPOINTS)) {
            files = dirs.map(d -> d.resolve("learned-weighting.csv")).filter(Files::isRegularFile).toList();
        }
        assertThat(files).as("learned weightings under " + CHECKPOINTS).isNotEmpty();
        for (Path file : files) {
            ModelConfig config = ModelConfig.read(file.getParent());
            LearnedWeighting weighting = LearnedWeighting.load(file);
            assertThat(weighting.checkpoint()).as(file + " names its checkpoint").isPresent();
            assertThatCode(() -> weighting.checkFor(config.name(), Checkpoints.fingerprint(config)))
                    .as(file.toString()).doesNotThrowAnyException();
        }
    }
}
