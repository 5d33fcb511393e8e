package dev.diffprobe.reports.summary;

import dev.diffprobe.reports.ReportException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccuracyTableTest {

    @TempDir
    Path dir;

    private final AccuracyTable table = new AccuracyTable(List.of(
            new TaskResult("binding", "Shape", "tiny (diffusion)", "tiny", "diffusion", 200, 180, 0.5, 95.5),
            new TaskResult("binding", "Shape", "tiny (contrastive)", "tiny-c", "contrastive", 200, 150, 0.5, 0),
            new TaskResult("binding", "Color", "tiny (diffusion)", "tiny", "diffusion", 200, 120, 0.5, 300.5)));

    @Test
    void pivotsTasksIntoRowsAndModelsIntoColumns() {
        String md = table.markdown("t");
        assertThat(md).contains("| task | chance | tiny (diffusion) | tiny (contrastive) |")
                // 180/200: Wilson 95% interval [0.851, 0.934].
                .contains("| Shape | 0.500 | 0.900 [0.851, 0.934] n=200 | 0.750 [0.686, 0.805] n=200 |")
                .contains("| Color | 0.500 | 0.600 [0.531, 0.665] n=200 | - |")
                .contains("| **mean calls / example** | | 198.0 | 0.0 |");
    }

    @Test
    void readsBackWhatItWrote() {
        List<Path> files = table.write(dir, "accuracy-table", "t");
        assertThat(files).allMatch(Files::isRegularFile);
        assertThat(AccuracyTable.read(files.get(0)).results()).isEqualTo(table.results());
    }

    @Test
    void namesTheLineAndColumnOfABadNumber() throws IOException {
        Path csv = table.write(dir, "accuracy-table", "t").get(0);
        List<String> lines = Files.readAllLines(csv);
        lines.set(2, lines.get(2).replace(",200,150,", ",200,many,"));
        Files.write(csv, lines);
        assertThatThrownBy(() -> AccuracyTable.read(csv)).isInstanceOf(ReportException.class)
                .hasMessageContaining(csv.toString()).hasMessageContaining("line 3, column correct: 'many'");
    }
}
