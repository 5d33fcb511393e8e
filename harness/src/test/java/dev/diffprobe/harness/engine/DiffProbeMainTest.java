package dev.diffprobe.harness.engine;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class DiffProbeMainTest {
    @Test
    void aCommandLineWithoutSuitesOrWithAMissingOneIsAUsageError() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);

        assertThat(DiffProbeMain.run(new String[0], print)).isEqualTo(2);
        assertThat(DiffProbeMain.run(new String[] {"no/such/suites"}, print)).isEqualTo(2);

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("usage: java")
                .contains("no/such/suites: no such suite file or folder");
    }
}
