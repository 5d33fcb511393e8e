package dev.diffprobe.harness.engine;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestEngine;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine as the JUnit Console Launcher runs it, in a JVM of its own: every way of selecting
 * the anchor runs each suite once (through the suite engine, not also at the root), the unique
 * ids an IDE re-runs select their suite, task or verdict, and a real run classifies each example
 * once. The suite {@code launch} lies in a classpath root of its own beside this module's test
 * classes; {@code --config suite=launch} keeps the fake-checkpoint suites there out.
 */
class ConsoleLauncherTest {
    private static final String ANCHOR = LauncherAnchor.class.getName();
    private static final String NESTED = "[engine:junit-platform-suite]/[suite:" + ANCHOR + "]/[engine:diffprobe]";
    /** Shape: threshold and chance verdicts; Color: chance. */
    private static final int VERDICTS = 3;

    @TempDir
    static Path dir;
    private static Path root;

    @BeforeAll
    static void suiteOnItsOwnClasspathRoot() throws IOException {
        root = ConsoleLauncherProcess.rootWithLaunchSuite(dir);
    }

    @Test
    void theLauncherIsOfThePlatformVersionTheBuildTestsWith() throws IOException {
        try (JarFile jar = new JarFile(ConsoleLauncherProcess.LAUNCHER.toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Implementation-Version"))
                    .isEqualTo(TestEngine.class.getPackage().getImplementationVersion());
        }
    }

    @Test
    void selectingTheAnchorByClassPackageOrClasspathScanFindsEachVerdictOnce() throws Exception {
        List<List<String>> selections = List.of(List.of("--select-class", ANCHOR),
                List.of("--select-package", LauncherAnchor.class.getPackageName()),
                // the roots a build tool scans: the suite's and this module's test classes
                List.of("--scan-classpath", root + File.pathSeparator + testClasses()));
        for (List<String> selection : selections) {
            ConsoleLauncherProcess.Result result = discover(selection);
            assertThat(result.count("tests found")).as("%s:%n%s", selection, result.output()).isEqualTo(VERDICTS);
            assertThat(result.output()).as("%s", selection).contains("launch/Shape: accuracy >= 0.50");
        }
    }

    @Test
    void nestedUniqueIdsSelectTheirSuiteTaskOrVerdict() throws Exception {
        ConsoleLauncherProcess.Result suite = discover(List.of("--select-unique-id", NESTED + "/[suite:launch]"));
        assertThat(suite.count("tests found")).as(suite.output()).isEqualTo(VERDICTS);

        ConsoleLauncherProcess.Result some = discover(List.of(
                "--select-unique-id", NESTED + "/[suite:launch]/[task:Color]",
                "--select-unique-id", NESTED + "/[suite:launch]/[task:Shape]/[verdict:threshold]"));
        assertThat(some.count("tests found")).as(some.output()).isEqualTo(2);
        assertThat(some.output()).contains("launch/Color: above chance", "launch/Shape: accuracy >= 0.50")
                .doesNotContain("launch/Shape: above chance");
    }

    @Test
    void aRealRunClassifiesEachExampleOnceAndRunsEveryVerdictOnce() throws Exception {
        Path out = dir.resolve("out");
        ConsoleLauncherProcess.Result result = ConsoleLauncherProcess.run(dir, List.of(), List.of(root), "execute",
                "--select-class", ANCHOR, "--include-classname", ".*", "--config", "suite=launch",
                "--config", "diffprobe.output=" + out);

        assertThat(result.count("tests found")).as(result.output()).isEqualTo(VERDICTS);
        assertThat(result.count("tests successful") + result.count("tests failed")).isEqualTo(VERDICTS);
        assertThat(result.count("containers failed")).as(result.output()).isZero();
        assertThat(Files.readAllLines(out.resolve("launch/Shape.csv"))).hasSize(1 + 2);
        assertThat(Files.readAllLines(out.resolve("launch/Color.csv"))).hasSize(1 + 2);
    }

    /** A discovery problem ends the run as a failing test whose message is the problem, not as a launcher exception. */
    @Test
    void aDiscoveryProblemIsAFailingTestWithItsMessageAndNoStackTrace() throws Exception {
        ConsoleLauncherProcess.Result result = ConsoleLauncherProcess.run(dir, List.of(), List.of(root), "execute",
                "--select-class", ANCHOR, "--include-classname", ".*", "--config", "suite=nosuch");

        assertThat(result.exitCode()).as(result.output()).isNotZero();
        assertThat(result.count("tests failed")).as(result.output()).isEqualTo(1);
        assertThat(result.output()).contains("-Dsuite asks for nosuch").contains("available: launch")
                .doesNotContain("DiscoveryIssueException").doesNotContainPattern("\\sat dev\\.diffprobe\\.");
    }

    private static Path testClasses() throws Exception {
        return Path.of(LauncherAnchor.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static ConsoleLauncherProcess.Result discover(List<String> selection) throws Exception {
        List<String> args = new ArrayList<>(List.of("discover", "--include-classname", ".*LauncherAnchor",
                "--exclude-engine", "junit-jupiter", "--config", "suite=launch"));
        args.addAll(selection);
        ConsoleLauncherProcess.Result result = ConsoleLauncherProcess.run(dir, List.of(), List.of(root),
                args.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.output()).isZero();
        return result;
    }
}
