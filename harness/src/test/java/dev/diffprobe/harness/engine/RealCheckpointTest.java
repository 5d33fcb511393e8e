package dev.diffprobe.harness.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

/**
 * The engine on the real embedded default checkpoint, through the models module, with a budget
 * of a few denoiser calls: the path every probe suite takes, in seconds.
 */
class RealCheckpointTest {
    private static final String CHECKPOINT = "tiny-clevr-diffusion";

    @TempDir
    Path dir;

    @Test
    void runsTwoBindingTasksOnTheEmbeddedCheckpoint() throws IOException {
        assumeTrue(getClass().getResource("/dev/diffprobe/checkpoints/" + CHECKPOINT + "/model.yaml") != null,
                "the embedded checkpoint " + CHECKPOINT + " is not in the models jar");
        Path suite = Files.writeString(dir.resolve("real.yaml"), """
                suite: real
                checkpoint: tiny-clevr-diffusion
                seed: 3
                examples: 3
                classifier:
                  minScores: 2
                  maxScores: 2
                tasks:
                  - name: Shape
                    type: binding
                  - name: ColorShape
                    type: binding
                """);

        EngineExecutionResults results = EngineTestKit.engine(new DiffProbeEngine())
                .configurationParameters(Map.of("diffprobe.output", dir.resolve("out").toString()))
                .selectors(selectFile(suite.toFile())).execute();

        results.containerEvents().assertStatistics(stats -> stats.failed(0));
        results.testEvents().assertStatistics(stats -> stats.started(2).finished(2));
        List<String> journal = Files.readAllLines(dir.resolve("out/real/Shape.csv"));
        assertThat(journal).hasSize(1 + 3);
        // Two rounds of two candidates, no error: every example cost exactly four denoiser calls.
        assertThat(journal.subList(1, 4)).allSatisfy(line -> assertThat(line.split(",")[6]).isEqualTo("4"));
        assertThat(Files.readString(dir.resolve("out/real/summary.md"))).contains("| Shape | " + CHECKPOINT + " | 3 |");
    }
}
