package dev.diffprobe.harness.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JournalReaderTest {
    @TempDir
    Path out;

    private Path journal() {
        try (TaskRunner runner = new TaskRunner(Fixtures.settings(out), Fixtures.source("fp1", Integer.MAX_VALUE), 1,
                new java.io.PrintStream(java.io.OutputStream.nullOutputStream()), System::nanoTime)) {
            return runner.run("smoke", Fixtures.task("Color", 6)).journal();
        }
    }

    @Test
    void readsBackEveryValueExactly() {
        Path file = journal();
        // Rows are in the order examples finished, which the contract leaves open.
        java.util.Map<String, JournalRow> rows = new java.util.HashMap<>();
        JournalReader.read(file).rows().forEach(r -> rows.put(r.exampleId(), r));
        JournalRow row = rows.get("Color-0");
        var expected = FakeClassifier.result(11, Fixtures.task("Color", 6).examples().get(0));
        assertThat(row.meanScores()).containsExactly(expected.meanScores());
        assertThat(row.softmax()).containsExactly(expected.softmax());
        assertThat(row.scoreCounts()).containsExactly(expected.scoreCounts());
        assertThat(row.droppedAtRound()).containsExactly(expected.droppedAtRound());
        assertThat(row.labelName()).isEqualTo("a red cube");
        assertThat(rows.values()).extracting(JournalRow::line).containsExactlyInAnyOrder(2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(rows.get("Color-2").labelName()).isEqualTo("a green, \"shiny\" cylinder");
    }

    @Test
    void aBrokenCellInsideTheFileNamesItsLineAndColumn() throws IOException {
        Path file = journal();
        List<String> lines = Files.readAllLines(file);
        lines.set(3, lines.get(3).replaceFirst(",true,|,false,", ",maybe,"));
        Files.write(file, lines);
        assertThatThrownBy(() -> JournalReader.read(file)).isInstanceOf(JournalException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("line 4, column correct");
    }

    @Test
    void aShortLineInsideTheFileIsCorruption() throws IOException {
        Path file = journal();
        List<String> lines = Files.readAllLines(file);
        lines.set(2, "Color-1,1");
        Files.write(file, lines);
        assertThatThrownBy(() -> JournalReader.read(file)).hasMessageContaining("line 3: 2 cells");
    }

    @Test
    void aForeignFileIsNotTakenForAJournal() throws IOException {
        Path file = out.resolve("other.csv");
        Files.writeString(file, "name,score\nx,1\n");
        assertThatThrownBy(() -> JournalReader.read(file)).hasMessageContaining("line 1: header");
    }

    @Test
    void aHeaderTornBeforeItsNewlineLeavesAnEmptyJournal() throws IOException {
        Path file = out.resolve("torn.csv");
        Files.writeString(file, "example_id,label,lab");
        JournalReader.Contents contents = JournalReader.read(file);
        assertThat(contents.rows()).isEmpty();
        assertThat(contents.validLength()).isZero();
        assertThat(contents.tornBytes()).isEqualTo(20);
    }
}
