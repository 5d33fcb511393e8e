package dev.diffprobe.harness.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.diffprobe.harness.config.SettingSource;
import dev.diffprobe.harness.config.Settings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which checkpoints a suite's JVM would load, whether they pass their load-time checks, and
 * bin/java's choice of oneDNN cap from that.
 */
class KernelPreflightTest {
    private static final String FAKE = "src/test/resources/checkpoints/fake";
    private static final String ZEN5 = "vendor_id\t: AuthenticAMD\ncpu family\t: 26\n";

    @TempDir
    Path temp;

    private static Settings settings(String... keyValues) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put(keyValues[i], keyValues[i + 1]);
        }
        return Settings.read(SettingSource.of(values)).requireValid();
    }

    @Test
    void theSuitesCheckpointsModelInPlaceOfTheSuitesAndACheckpointBaseline() throws IOException {
        assertThat(KernelPreflight.checkpoints(settings("suite", "other"))).containsExactly(FAKE);
        assertThat(KernelPreflight.checkpoints(settings("suite", "other,smoke", "model", "elsewhere")))
                .containsExactly("elsewhere");
        assertThat(KernelPreflight.checkpoints(settings("suite", "other", "baseline",
                "src/test/resources/checkpoints/fake-baseline")))
                .containsExactly(FAKE, "src/test/resources/checkpoints/fake-baseline");
        Path recorded = Files.createDirectories(temp.resolve("results"));
        assertThat(KernelPreflight.checkpoints(settings("suite", "other", "baseline", recorded.toString())))
                .containsExactly(FAKE);
    }

    @Test
    void allSuitesAndUnknownSuitesAreNotChecked() {
        assertThatThrownBy(() -> KernelPreflight.checkpoints(settings("suite", "all")))
                .hasMessageContaining("-Dsuite=all is not checked");
        assertThat(run(settings("suite", "nosuchsuite"))).startsWith("2 ").contains("no classpath resource");
    }

    @Test
    void aCheckpointThatFailsItsLoadTimeChecksIsNamed() {
        String out = run(settings("suite", "other", "model", temp.resolve("absent").toString()));
        assertThat(out).startsWith("1 ").contains("kernel preflight: " + temp.resolve("absent"));
    }

    @Test
    void aCommittedCheckpointPassesItsLoadTimeChecks() {
        assertThat(run(settings("suite", "other", "model", "tiny-clevr-diffusion")))
                .isEqualTo("0 kernel preflight: tiny-clevr-diffusion: passes its load-time checks");
    }

    private static String run(Settings settings) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = KernelPreflight.run(settings, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return status + " " + bytes.toString(StandardCharsets.UTF_8).strip();
    }

    @Test
    void binJavaCapsUnitTestsAndLeavesAVerifiedSuiteUncapped() throws Exception {
        assertThat(binJava(ZEN5, Map.of(), 0)).startsWith("ISA=SSE41 ").doesNotContain("preflight");
        assertThat(binJava(ZEN5, Map.of("DIFFPROBE_SUITE", "binding", "DIFFPROBE_MODEL", "m"), 0))
                .startsWith("preflight -Dsuite=binding -Dmodel=m -cp booter.jar ")
                .contains("ISA=unset -Xmx1g -jar booter.jar a b");
        assertThat(binJava(ZEN5, Map.of("DIFFPROBE_SUITE", "fashion"), 1))
                .contains("ISA=SSE41 -Xmx1g -jar booter.jar a b");
    }

    @Test
    void binJavaKeepsAGivenCapAndLeavesOtherProcessorsAlone() throws Exception {
        assertThat(binJava(ZEN5, Map.of("ONEDNN_MAX_CPU_ISA", "AVX2", "DIFFPROBE_SUITE", "binding"), 1))
                .isEqualTo("ISA=AVX2 -Xmx1g -jar booter.jar a b");
        String intel = ZEN5.replace("AuthenticAMD", "GenuineIntel");
        assertThat(binJava(intel, Map.of("DIFFPROBE_SUITE", "binding"), 1)).isEqualTo("ISA=unset -Xmx1g -jar booter.jar a b");
        assertThat(binJava(ZEN5.replace("26", "25"), Map.of(), 1)).isEqualTo("ISA=unset -Xmx1g -jar booter.jar a b");
        assertThat(binJava(null, Map.of(), 1)).isEqualTo("ISA=unset -Xmx1g -jar booter.jar a b");
    }

    @Test
    void binJavaKeepsFreedMemoryInTheHeapUnlessToldOtherwise() throws Exception {
        assertThat(binJava(null, Map.of(), 0, "$MALLOC_MMAP_THRESHOLD_ $MALLOC_TRIM_THRESHOLD_"))
                .isEqualTo("33554432 1073741824");
        assertThat(binJava(null, Map.of("MALLOC_MMAP_THRESHOLD_", "4096"), 0,
                "$MALLOC_MMAP_THRESHOLD_ $MALLOC_TRIM_THRESHOLD_")).isEqualTo("4096 1073741824");
    }

    private String binJava(String cpuinfo, Map<String, String> env, int preflight) throws Exception {
        return binJava(cpuinfo, env, preflight, "ISA=${ONEDNN_MAX_CPU_ISA:-unset} $*");
    }

    /** bin/java's output with a java that prints what it was started with, the preflight exiting {@code preflight}. */
    private String binJava(String cpuinfo, Map<String, String> env, int preflight, String echo) throws Exception {
        Path java = temp.resolve("fake-java");
        Files.writeString(java, "#!/bin/sh\n"
                + "for a in \"$@\"; do [ \"$a\" = dev.diffprobe.harness.engine.KernelPreflight ] && { echo \"preflight $*\" >> \""
                + temp.resolve("log") + "\"; exit " + preflight + "; }; done\n"
                + "echo \"" + echo + "\" >> \"" + temp.resolve("log") + "\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwx------"));
        Files.deleteIfExists(temp.resolve("log"));
        ProcessBuilder builder = new ProcessBuilder(List.of("sh", Path.of("..", "bin", "java").toString(), "-Xmx1g",
                "-jar", "booter.jar", "a", "b"));
        builder.environment().remove("ONEDNN_MAX_CPU_ISA");
        builder.environment().keySet().removeIf(k -> k.startsWith("DIFFPROBE_") || k.startsWith("MALLOC_"));
        builder.environment().put("DIFFPROBE_JAVA", java.toString());
        builder.environment().put("DIFFPROBE_CPUINFO", cpuinfo == null ? temp.resolve("absent").toString()
                : Files.writeString(temp.resolve("cpuinfo"), cpuinfo).toString());
        builder.environment().putAll(env);
        builder.redirectErrorStream(true).redirectOutput(temp.resolve("stderr").toFile());
        assertThat(builder.start().waitFor()).isZero();
        return Files.readString(temp.resolve("log")).strip().replace('\n', ' ');
    }
}
