package dev.diffprobe.reports;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ScoreTraceTest {

    @TempDir
    Path dir;

    @Test
    void readsEntriesGroupedByExample() throws IOException {
        Path file = dir.resolve("Color.trace.csv");
        Files.writeString(file, ScoreTrace.HEADER + "\nColor-1,0,0,0.5,0.2,0.03\nColor-1,0,1,0.5,0.3,0.03\nColor-2,0,0,0.1,0.4,0.5\n");
        ScoreTrace trace = ScoreTrace.read(file);
        assertThat(trace.byExample()).containsOnlyKeys("Color-1", "Color-2");
        assertThat(trace.byExample().get("Color-1")).hasSize(2);
        assertThat(trace.byExample().get("Color-1").get(1).weightedScore()).isCloseTo(0.009, within(1e-12));
    }

    @Test
    void namesTheFileRecordAndColumnOfABadCell() throws IOException {
        Path file = dir.resolve("Color.trace.csv");
        Files.writeString(file, ScoreTrace.HEADER + "\nColor-1,0,0,0.5,0.2,0.03\nColor-1,1,0,zero,0.3,0.03\n");
        assertThatThrownBy(() -> ScoreTrace.read(file)).isInstanceOf(ReportException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("record 2").hasMessageContaining("column t");
    }

    @Test
    void rejectsAFileThatIsNotATrace() throws IOException {
        Path file = dir.resolve("Color.trace.csv");
        Files.writeString(file, "a,b\n1,2\n");
        assertThatThrownBy(() -> ScoreTrace.read(file)).isInstanceOf(ReportException.class)
                .hasMessageContaining("is not " + ScoreTrace.HEADER);
    }

    @Test
    void liesBesideItsJournal() {
        assertThat(ScoreTrace.besideJournal(Path.of("out", "binding", "Color.baseline.csv")))
                .isEqualTo(Path.of("out", "binding", "Color.baseline.trace.csv"));
    }
}
