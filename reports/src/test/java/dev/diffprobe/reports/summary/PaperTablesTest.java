package dev.diffprobe.reports.summary;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class PaperTablesTest {
    private static final String HEADER = "task,checkpoint,n,accuracy,ci_low,ci_high,chance,p_vs_chance,threshold,verdict,"
            + "calls_per_example,wall_s,failures,correct\n";

    @TempDir
    Path dir;

    private int run(String... args) {
        return PaperTables.run(args, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()));
    }

    @Test
    void theMarkedSectionsAreRewrittenFromTheRunsFilesAndTheRestIsKept() throws IOException {
        Path binding = Files.createDirectories(dir.resolve("binding"));
        Files.writeString(binding.resolve("summary.csv"), HEADER
                + "Shape,tiny-clevr-diffusion,500,0.912,0.884,0.934,0.5,1e-90,,PASS,21.5,60.0,0,456\n");
        Path paper = Files.createDirectories(dir.resolve("paper"));
        Files.writeString(paper.resolve("summary.csv"), HEADER
                + "Shape-contrastive,tiny-clevr-contrastive,40,0.950,0.835,0.986,0.5,1e-10,,PASS,0.0,0.5,0,38\n"
                + "Shape-simple,tiny-clevr-diffusion,200,0.800,0.739,0.850,0.5,1e-10,,PASS,30.1,40.0,0,160\n");
        Files.writeString(paper.resolve("comparisons.csv"), "comparison,claim,candidate,reference,verdict,message\n"
                + "heuristic vs simple weighting,better,Shape-heuristic,Shape-simple,FAIL,\"x: p|q\"\n");
        Path results = Files.writeString(dir.resolve("RESULTS.md"), "intro\n<!-- table3:begin -->\nold\n<!-- table3:end -->\n"
                + "mid\n<!-- table4:begin -->\n<!-- table4:end -->\n<!-- comparisons:begin -->\n<!-- comparisons:end -->\n"
                + "<!-- walltimes:begin -->\n<!-- walltimes:end -->\nend\n");

        assertThat(run("--binding", binding.toString(), "--paper", paper.toString(), "--results", results.toString()))
                .isZero();

        String text = Files.readString(results, StandardCharsets.UTF_8);
        assertThat(text).startsWith("intro\n").contains("\nmid\n").endsWith("end\n").doesNotContain("old");
        assertThat(text).contains("| Shape | 0.91 | 0.85 | - | 0.912 [0.884, 0.934] n=500 | 0.950 [0.835, 0.986] n=40 |")
                .contains("| Color | 0.85 | 0.96 | - | - | - |")
                .contains("| simple | SNR(t): plain epsilon MSE | 0.800 [0.739, 0.850] n=200 | 30.1 |")
                .contains("| heuristic vs simple weighting | better | FAIL | x: p\\|q |")
                .contains("| binding | 1 | 500 | 10750 | 60 s");
    }

    @Test
    void aMissingRunOrSectionIsAnErrorThatChangesNothing() throws IOException {
        Path results = Files.writeString(dir.resolve("RESULTS.md"), "no markers\n");
        assertThat(run("--binding", dir.resolve("none").toString(), "--paper", dir.toString(), "--results",
                results.toString())).isEqualTo(1);
        assertThat(Files.readString(results)).isEqualTo("no markers\n");
        assertThat(run("--binding", "x")).isEqualTo(PaperTables.USAGE);
    }
}
