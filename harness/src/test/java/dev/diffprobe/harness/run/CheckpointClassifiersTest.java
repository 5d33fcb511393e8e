package dev.diffprobe.harness.run;

import dev.diffprobe.harness.classify.SettingException;
import dev.diffprobe.models.CheckpointException;
import dev.diffprobe.models.ModelSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CheckpointClassifiersTest {
    @TempDir
    Path out;

    @Test
    void aBadClassifierSettingIsNamedBeforeAnyModelLoads() {
        RunSettings settings = Fixtures.settings(out).withClassifier(Map.of("minScore", "20"));
        assertThatThrownBy(() -> new CheckpointClassifiers(ModelSettings.defaults()).open(out.resolve("absent"), settings))
                .isInstanceOf(SettingException.class).hasMessageContaining("'minScore'");
    }

    @Test
    void aMissingCheckpointIsNamed() {
        assertThatThrownBy(() -> new CheckpointClassifiers(ModelSettings.defaults()).open(out.resolve("absent"), Fixtures.settings(out)))
                .isInstanceOf(CheckpointException.class).hasMessageContaining("absent");
    }

    @Test
    void theRunnerReportsItForTheTask() {
        RunSettings settings = RunSettings.of(out.resolve("absent"), 3).withOutputDir(out);
        try (TaskRunner runner = new TaskRunner(settings, new CheckpointClassifiers(ModelSettings.defaults()))) {
            assertThatThrownBy(() -> runner.run("smoke", Fixtures.task("Shape", 4))).isInstanceOf(RunException.class)
                    .hasMessageContaining("task Shape: cannot open checkpoint").hasMessageContaining("absent");
        }
    }
}
