package dev.diffprobe.harness.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.testkit.engine.EngineTestKit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

/** A task's relative weightingFile names a file under the project root, whatever the working directory. */
class SuiteClassifierPathTest {
    @Test
    void aRelativeWeightingFileIsLookedForUnderTheProjectRoot(@TempDir Path dir) throws IOException {
        Path suite = Files.writeString(dir.resolve("learned.yaml"), """
                suite: learned
                checkpoint: src/test/resources/checkpoints/fake
                examples: 4
                tasks:
                  - name: Shape
                    type: binding
                    classifier:
                      weighting: learned
                      weightingFile: no/such/weighting.csv
                """);
        List<String> issues = Problems.of(EngineTestKit.engine(new DiffProbeEngine(FakeClassifiers.perfect()))
                .selectors(selectFile(suite.toFile())).discover()).stream()
                .map(DiscoveryIssue::message).toList();
        Path root = Path.of("").toAbsolutePath().getParent();
        assertThat(issues).anySatisfy(m -> assertThat(m).contains("task 'Shape'")
                .contains(root.resolve("no/such/weighting.csv").toString()).contains("cannot be read"));
    }
}
