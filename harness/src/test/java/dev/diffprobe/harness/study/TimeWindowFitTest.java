package dev.diffprobe.harness.study;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class TimeWindowFitTest {
    /**
     * Shared-noise traces of a 4-way task whose rounds carry evidence only for t in [lo, hi): there the
     * true class scores lower on average, elsewhere every candidate's score is noise of the same law.
     */
    private static Path traces(Path dir, double lo, double hi, boolean naive) throws IOException {
        Random random = new Random(11);
        StringBuilder csv = new StringBuilder(Traces.HEADER).append('\n');
        for (int e = 0; e < 300; e++) {
            int label = e % 4;
            for (int r = 0; r < 32; r++) {
                double t = (float) random.nextDouble();
                for (int c = 0; c < 4; c++) {
                    double tc = naive && c > 0 ? (float) random.nextDouble() : t;
                    double signal = c == label && tc >= lo && tc < hi ? -1.5 : 0;
                    csv.append(String.format(Locale.ROOT, "x%d,%d,%d,%d,%.17g,%.9g%n", e, label, c, r,
                            signal + random.nextGaussian(), tc));
                }
            }
        }
        Path file = dir.resolve(naive ? "naive.csv" : "traces.csv");
        Files.writeString(file, csv);
        return file;
    }

    private static String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = TimeWindowFit.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {Integer.toString(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void theWindowWhereTheEvidenceIsIsPickedAndNamedAsSettings(@TempDir Path dir) throws IOException {
        String[] r = run(traces(dir, 0.5, 0.9, false).toString(), "--rounds", "6");
        assertThat(r[0]).isEqualTo("0");
        assertThat(r[1]).contains("| [0.5, 0.9] (picked) |").contains("picked: tMin=0.5,tMax=0.9");
        // the full range spends most of its six rounds where nothing is to be learnt
        assertThat(r[1]).containsPattern("\\| \\[0\\.0, 1\\.0\\] \\| 0\\.[0-7]");
    }

    @Test
    void evidenceEverywhereKeepsTheFullRangeWhoseEndsAreTheDefaultOnes(@TempDir Path dir) throws IOException {
        String[] r = run(traces(dir, 0, 1.01, false).toString(), "--rounds", "3");
        assertThat(r[0]).isEqualTo("0");
        assertThat(r[1]).contains("picked: tMin=0.001,tMax=0.999");
    }

    @Test
    void tracesItCannotJudgeAreRefusedByName(@TempDir Path dir) throws IOException {
        String[] naive = run(traces(dir, 0.5, 0.9, true).toString());
        assertThat(naive[0]).isEqualTo("1");
        assertThat(naive[2]).contains("naive.csv").contains("different t");
        Path old = dir.resolve("old.csv");
        Files.writeString(old, "example,label,candidate,round,score\nx0,0,0,0,1.0\nx0,0,1,0,2.0\n");
        String[] withoutT = run(old.toString());
        assertThat(withoutT[0]).isEqualTo("1");
        assertThat(withoutT[2]).contains("old.csv").contains("without the t of each round");
        assertThat(run(dir.resolve("absent.csv").toString())[2]).contains("absent.csv");
        assertThat(run()[0]).isEqualTo("2");
        assertThat(run(old.toString(), "--rounds", "0")[2]).contains("--rounds");
        assertThat(run(old.toString(), "--min-width", "0.05")[2]).contains("--min-width");
        assertThat(run(old.toString(), "--rounds")[2]).contains("lacks its value");
        assertThat(run(old.toString(), "--rounds", "six")[2]).contains("--rounds expects an integer, got 'six'");
        assertThat(run(old.toString(), "--min-width", "wide")[2]).contains("--min-width expects a number");
        assertThat(run(dir.toString())[0]).isEqualTo("1");
    }
}
