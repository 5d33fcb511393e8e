package dev.diffprobe.harness.fit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class FitLearnedWeightingTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return FitLearnedWeighting.run(args, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void wrongArgumentsPrintTheUsage() {
        assertThat(run("--model", "x")).isEqualTo(FitLearnedWeighting.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--model and --out are required").contains("usage:");
        assertThat(run("--model", "x", "--out", "y", "--rounds", "many")).isEqualTo(FitLearnedWeighting.USAGE);
        assertThat(run("--model", "x", "--out", "y", "--colour", "red")).isEqualTo(FitLearnedWeighting.USAGE);
        assertThat(run("--model", "x", "--out", "y", "--examples", "0")).isEqualTo(FitLearnedWeighting.USAGE);
    }

    @Test
    void aMissingCheckpointOrAnUnknownTaskIsANamedErrorAndWritesNothing(@TempDir Path dir) {
        Path out = dir.resolve("w.csv");
        assertThat(run("--model", dir.resolve("nothing").toString(), "--out", out.toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("nothing");
        assertThat(run("--model", dir.toString(), "--out", out.toString(), "--tasks", "Shpe")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Shpe");
        assertThat(out).doesNotExist();
    }
}
