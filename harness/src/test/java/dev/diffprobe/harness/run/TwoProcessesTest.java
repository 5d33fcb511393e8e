package dev.diffprobe.harness.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two real JVMs on one output folder: the second waits for the first's journal lock and then
 * resumes what the first computed, so every example is computed once and both runs end with the
 * same outcome. (A lock on the journal file itself would not hold: the first run reading its own
 * journal back would release it.)
 */
class TwoProcessesTest {
    static final int EXAMPLES = 12;

    @TempDir
    Path out;

    @Test
    void aSecondRunOnTheSameOutputFolderWaitsAndComputesNothingTwice() throws Exception {
        Process first = start();
        BufferedReader firstOut = new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8));
        assertThat(firstOut.readLine()).as("the first run starts classifying").isEqualTo("classifying");
        Process second = start();
        List<String> firstLines = rest(firstOut);
        assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> secondLines = rest(new BufferedReader(new InputStreamReader(second.getInputStream(),
                StandardCharsets.UTF_8)));
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String secondLog = new String(second.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(first.exitValue()).as(new String(first.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
                .isZero();
        assertThat(second.exitValue()).as(secondLog).isZero();
        assertThat(firstLines).contains("computed " + EXAMPLES);
        assertThat(secondLines).as(secondLog).contains("computed 0").doesNotContain("classifying");
        assertThat(secondLines.get(secondLines.size() - 1)).isEqualTo(firstLines.get(firstLines.size() - 1));
        assertThat(secondLog).contains("is being written by another run (process " + first.pid() + "@");
        assertThat(JournalReader.read(out.resolve("binding/ShapeColor.csv")).rows()).hasSize(EXAMPLES);
    }

    @Test
    void aRunThatWaitsLongerThanItsLockWaitFailsNamingTheOtherRunAndLosesNothing() throws Exception {
        Process first = start("400");
        BufferedReader firstOut = new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8));
        assertThat(firstOut.readLine()).as("the first run starts classifying").isEqualTo("classifying");
        Process second = start("400", "1");
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String secondLog = new String(second.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        List<String> firstLines = rest(firstOut);
        assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(second.exitValue()).as(secondLog).isNotZero();
        assertThat(secondLog).contains("is being written by another run (process " + first.pid() + "@")
                .contains("still held it after 1 s (-Ddiffprobe.lockWait)");
        assertThat(first.exitValue()).isZero();
        assertThat(firstLines).contains("computed " + EXAMPLES);
        assertThat(JournalReader.read(out.resolve("binding/ShapeColor.csv")).rows()).hasSize(EXAMPLES);
    }

    private Process start() throws IOException {
        return start("150");
    }

    private Process start(String... args) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                RunnerProcess.class.getName(), out.toString()));
        command.addAll(List.of(args));
        Files.createDirectories(out);
        return new ProcessBuilder(command).start();
    }

    private static List<String> rest(BufferedReader reader) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lines.add(line);
        }
        return lines;
    }
}
