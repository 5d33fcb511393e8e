package dev.diffprobe.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which processors and oneDNN caps need a reference before CPU outputs are trusted. */
class CpuKernelsTest {

    static final String ZEN5 = "processor\t: 0\nvendor_id\t: AuthenticAMD\ncpu family\t: 26\nmodel\t\t: 2\n\n"
            + "processor\t: 1\nvendor_id\t: AuthenticAMD\ncpu family\t: 26\n";

    @TempDir
    Path temp;

    @Test
    void anAffectedProcessorNeedsAReferenceUnlessCappedAtSse41() {
        assertThat(CpuKernels.of(ZEN5, null).needReference()).isTrue();
        assertThat(CpuKernels.of(ZEN5, "").needReference()).isTrue();
        assertThat(CpuKernels.of(ZEN5, "AVX2").needReference()).isTrue();
        assertThat(CpuKernels.of(ZEN5, "DEFAULT").needReference()).isTrue();
        assertThat(CpuKernels.of(ZEN5, "SSE41").needReference()).isFalse();
        assertThat(CpuKernels.of(ZEN5, " sse41 ").needReference()).isFalse();
        assertThat(CpuKernels.of(ZEN5, null).describe()).contains("unset", "AuthenticAMD family 26",
                "only checkpoints matching their reference.json run");
    }

    @Test
    void otherProcessorsAreTrusted() {
        assertThat(CpuKernels.of(ZEN5.replace("26", "25"), null).needReference()).isFalse();
        assertThat(CpuKernels.of(ZEN5.replace("AuthenticAMD", "GenuineIntel"), null).needReference()).isFalse();
        assertThat(CpuKernels.of("", null).needReference()).isFalse();
        assertThat(CpuKernels.of("garbage\n\u0000", "AVX2").describe()).isEqualTo("ONEDNN_MAX_CPU_ISA=AVX2");
    }

    @Test
    void anUnreadableCpuinfoIsAnUnknownProcessor() throws IOException {
        assertThat(CpuKernels.read(temp.resolve("absent"), null).processor()).isEmpty();
        Path file = Files.writeString(temp.resolve("cpuinfo"), ZEN5);
        assertThat(CpuKernels.read(file, null).affected()).isTrue();
        assertThat(CpuKernels.read(temp, null).processor()).isEmpty();
    }
}
