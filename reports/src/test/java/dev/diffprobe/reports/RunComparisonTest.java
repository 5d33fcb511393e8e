package dev.diffprobe.reports;

import dev.diffprobe.harness.run.JournalColumn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class RunComparisonTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void plotsAndTabulatesRunsFromTheirJournals() throws IOException {
        Path pruned = journals("pruned/binding", 60, 9, 10);
        Path shared = journals("shared/binding", 4000, 8, 10);

        int status = run("--run", "pruned:cutoff=2e-3=" + pruned, "--run", "shared=" + shared, "--out",
                dir.resolve("cmp").toString());

        assertThat(status).as(err.toString()).isZero();
        assertThat(ImageIO.read(dir.resolve("cmp/accuracy-vs-calls.png").toFile())).isNotNull();
        String table = Files.readString(dir.resolve("cmp/comparison.md"));
        // Shape: 9 of 10 right on the pruned run, 8 of 10 on the shared one; chance 1/2.
        assertThat(table).contains("| task | chance | pruned: cutoff=2e-3 | shared |")
                .contains("| Shape | 0.500 | 0.900 [0.596, 0.982] n=10 | 0.800 [0.490, 0.943] n=10 |")
                .contains("| **mean calls / example** | | 60.0 | 4000.0 |");
        assertThat(table).doesNotContain("baseline");
    }

    @Test
    void wrongArgumentsGiveOneLineAndStatusTwo() {
        assertThat(run("--run", "nodir", "--out", "x")).isEqualTo(RunComparison.USAGE);
        assertThat(err.toString()).contains("--run 'nodir' is not SERIES[:LABEL]=DIR").hasLineCount(1);
    }

    @Test
    void aMissingRunDirectoryIsNamed() {
        Path missing = dir.resolve("nothing-here");
        assertThat(run("--run", "a=" + missing, "--out", dir.toString())).isEqualTo(RunComparison.USAGE);
        assertThat(err.toString()).contains("run 'a': " + missing + " is not a directory");
    }

    private int run(String... args) {
        return RunComparison.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /** A suite directory with Shape and Color journals, and a baseline journal and other CSVs that must be ignored. */
    private Path journals(String name, long calls, int shapeCorrect, int n) throws IOException {
        Path suite = Files.createDirectories(dir.resolve(name));
        for (String task : new String[] {"Shape", "Color", "Shape.baseline"}) {
            StringBuilder text = new StringBuilder(Arrays.stream(JournalColumn.values()).map(JournalColumn::header)
                    .collect(Collectors.joining(","))).append('\n');
            for (int i = 0; i < n; i++) {
                boolean correct = task.equals("Shape") ? i < shapeCorrect : i % 2 == 0;
                int predicted = correct ? 0 : 1;
                text.append(task).append('-').append(i).append(",0,a,").append(predicted).append(",b,")
                        .append(correct).append(',').append(calls).append(",0.1 0.2,20 20,-1 -1,0.5 0.5,,7,fp,hash,dig\n");
            }
            Files.writeString(suite.resolve(task + ".csv"), text);
        }
        Files.writeString(suite.resolve("Shape.calibration.csv"), "scope,method\nShape,Platt (calls)\n");
        Files.writeString(suite.resolve("summary.csv"), "task,checkpoint\nShape,tiny\n");
        return suite;
    }
}
