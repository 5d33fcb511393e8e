package dev.diffprobe.reports;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class RecordScoreTraceTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void namesAMissingOption() {
        assertThat(run("--model", "m", "--task", "Shape", "--seed", "1", "--out", dir.toString()))
                .isEqualTo(RecordScoreTrace.USAGE);
        assertThat(err.toString()).startsWith("RecordScoreTrace: --examples is required.").hasLineCount(1);
    }

    @Test
    void rejectsAnUnknownOption() {
        assertThat(run("--modle", "m")).isEqualTo(RecordScoreTrace.USAGE);
        assertThat(err.toString()).contains("unknown option '--modle'");
    }

    @Test
    void aMissingCheckpointIsOneLineAndNoTrace() {
        Path missing = dir.resolve("no-such-checkpoint");
        assertThat(run("--model", missing.toString(), "--task", "Shape", "--seed", "1", "--examples", "4",
                "--out", dir.toString())).isEqualTo(RecordScoreTrace.USAGE);
        assertThat(err.toString()).startsWith("RecordScoreTrace: ").hasLineCount(1);
        assertThat(Files.exists(dir.resolve("Shape.trace.csv"))).isFalse();
    }

    private int run(String... args) {
        return RecordScoreTrace.run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void traceFileRoundTrips() {
        Path file = dir.resolve("Color.trace.csv");
        try (ScoreTraceFile trace = new ScoreTraceFile(file)) {
            trace.scored("Color-1", 0, 1, 0.25, 0.5, Math.exp(-7 * 0.25));
        }
        ScoreTrace.Entry entry = ScoreTrace.read(file).byExample().get("Color-1").get(0);
        assertThat(entry).isEqualTo(new ScoreTrace.Entry(0, 1, 0.25, 0.5, Math.exp(-7 * 0.25)));
    }
}
