package dev.diffprobe.harness.engine;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs the JUnit Console Launcher ({@code junit-platform-console-standalone}, copied into
 * {@code target/console-launcher} by the build) in a JVM of its own, on this module's test class
 * path less the JUnit Platform jars (the launcher brings its own, of the same version), plus
 * {@code extraClassPath}. The suites run on the real embedded checkpoints, one libtorch thread.
 */
final class ConsoleLauncherProcess {
    static final Path FOLDER = Path.of("target", "console-launcher");
    static final Path LAUNCHER = FOLDER.resolve("junit-platform-console-standalone.jar");
    private static final long TIMEOUT_SECONDS = 300;

    private ConsoleLauncherProcess() {
    }

    /**
     * {@code dir/root}, a classpath root holding the suite {@code launch} on the embedded
     * tiny-clevr-diffusion (Shape: threshold and chance verdicts; Color: chance), 2 examples a task;
     * the calling test is skipped when that checkpoint is not in the models jar.
     */
    static Path rootWithLaunchSuite(Path dir) throws IOException {
        assumeTrue(ConsoleLauncherProcess.class.getResource("/dev/diffprobe/checkpoints/tiny-clevr-diffusion/model.yaml")
                != null, "the embedded checkpoint tiny-clevr-diffusion is not in the models jar");
        Path root = Files.createDirectories(dir.resolve("root/probes")).getParent();
        Files.writeString(root.resolve("probes/launch.yaml"), """
                suite: launch
                checkpoint: tiny-clevr-diffusion
                seed: 5
                examples: 2
                classifier:
                  minScores: 2
                  maxScores: 2
                tasks:
                  - name: Shape
                    type: binding
                    thresholds:
                      accuracy: 0.5
                  - name: Color
                    type: binding
                """);
        return root;
    }

    /** What a run printed, and its exit code. */
    record Result(int exitCode, String output) {
        /** A figure of the launcher's summary, e.g. {@code count("tests found")}. */
        int count(String what) {
            Matcher m = Pattern.compile("\\[\\s*(\\d+) " + Pattern.quote(what) + "\\s*]").matcher(output);
            if (!m.find()) {
                throw new AssertionError("no '" + what + "' in the Console Launcher's output:\n" + output);
            }
            return Integer.parseInt(m.group(1));
        }
    }

    static Result run(Path workDir, List<String> jvmOptions, List<Path> extraClassPath, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Ddiffprobe.threads=1");
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", LAUNCHER.toAbsolutePath().toString()));
        command.addAll(Arrays.asList(args));
        command.addAll(List.of("--disable-banner", "--disable-ansi-colors", "--class-path",
                classPath(extraClassPath)));
        // Outside the working directory, which may be the module's own.
        Path log = Files.createTempFile("console-launcher", ".log");
        try {
            Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("the Console Launcher ran past " + TIMEOUT_SECONDS + " s:\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static String classPath(List<Path> extra) {
        Stream<String> own = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !isPlatformJar(Path.of(entry).getFileName().toString()));
        return Stream.concat(extra.stream().map(p -> p.toAbsolutePath().toString()), own)
                .reduce((a, b) -> a + File.pathSeparator + b).orElseThrow();
    }

    private static boolean isPlatformJar(String name) {
        return name.startsWith("junit-") || name.startsWith("opentest4j-") || name.startsWith("apiguardian-")
                || name.startsWith("surefire") || name.startsWith("common-java5-");
    }
}
