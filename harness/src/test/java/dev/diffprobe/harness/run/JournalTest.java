package dev.diffprobe.harness.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JournalTest {
    @TempDir
    Path out;

    private final PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());

    @Test
    void aJournalOpenForWritingCannotBeOpenedTwice() {
        Path file = out.resolve("Shape.csv");
        var task = Fixtures.task("Shape", 3);
        try (Journal first = Journal.open(file, task.examples(), Fixtures.settings(out), "fp1", quiet)) {
            assertThatThrownBy(() -> Journal.open(file, task.examples(), Fixtures.settings(out), "fp1", quiet))
                    .isInstanceOf(JournalException.class).hasMessageContaining(file.toString())
                    .hasMessageContaining("already open");
            first.append(task.examples().get(0), FakeClassifier.result(11, task.examples().get(0)));
        }
        try (Journal again = Journal.open(file, task.examples(), Fixtures.settings(out), "fp1", quiet)) {
            assertThat(again.finished()).containsOnlyKeys("Shape-0");
        }
    }

    @Test
    void theSettingsHashIgnoresTheOrderOfSettingsButNotTheirValues() {
        RunSettings a = Fixtures.settings(out).withClassifier(java.util.Map.of("minScores", "4", "maxScores", "10"));
        RunSettings b = Fixtures.settings(out).withClassifier(new java.util.LinkedHashMap<>(
                java.util.Map.of("maxScores", "10", "minScores", "4")));
        RunSettings c = Fixtures.settings(out).withClassifier(java.util.Map.of("minScores", "4", "maxScores", "12"));
        assertThat(Journal.settingsHash(a, "fp")).isEqualTo(Journal.settingsHash(b, "fp"))
                .isNotEqualTo(Journal.settingsHash(c, "fp")).isNotEqualTo(Journal.settingsHash(a, "fp2"));
        assertThat(Journal.settingsHash(a.withExamples(5), "fp")).isEqualTo(Journal.settingsHash(a, "fp"));
    }
}
