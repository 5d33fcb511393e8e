package dev.diffprobe.harness.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.testkit.engine.EngineDiscoveryResults;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

/**
 * Bad suite files are ERROR discovery issues naming the file and line, and the suite is left
 * out; never an exception out of discovery.
 */
class BadSuiteTest {
    private static final String HEAD = "suite: bad\ncheckpoint: src/test/resources/checkpoints/fake\nexamples: 4\n";

    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("malformed YAML", HEAD + "tasks: [\n  - name: Shape\n", 5, "malformed YAML"),
                arguments("empty file", "", 0, "the file is empty"),
                arguments("not a mapping", "- suite: bad\n", 1, "must be a mapping"),
                arguments("unknown suite key", HEAD + "checkpont: x\ntasks:\n  - name: Shape\n    type: binding\n",
                        4, "unknown key 'checkpont'"),
                arguments("unknown task key", HEAD + "tasks:\n  - name: Shape\n    type: binding\n    treshold: 0.5\n",
                        7, "unknown key 'treshold'"),
                arguments("wrong type", HEAD.replace("examples: 4", "examples: many")
                        + "tasks:\n  - name: Shape\n    type: binding\n", 3, "'examples' must be a whole number"),
                arguments("list expected", HEAD + "tags: fast\ntasks:\n  - name: Shape\n    type: binding\n",
                        4, "must be a list"),
                arguments("engine's tag prefix", HEAD + "tasks:\n  - name: Shape\n    type: binding\n"
                        + "    tags: [suite:other]\n", 7, "are the engine's own"),
                arguments("tag on suite and task", HEAD + "tags: [binding]\ntasks:\n  - name: Shape\n    type: binding\n"
                        + "    tags: [binding]\n", 6, "could not select such tasks apart from the whole suite"),
                arguments("missing checkpoint key", "suite: bad\nexamples: 4\ntasks:\n  - name: Shape\n    type: binding\n",
                        1, "missing required key 'checkpoint'"),
                arguments("missing checkpoint", HEAD.replace("src/test/resources/checkpoints/fake", "nowhere/at-all")
                        + "tasks:\n  - name: Shape\n    type: binding\n", 2, "checkpoint 'nowhere/at-all' not found"),
                arguments("unknown task type", HEAD + "tasks:\n  - name: Shape\n    type: bindings\n",
                        6, "unknown task type 'bindings'"),
                arguments("duplicate task name", HEAD + "tasks:\n  - name: Shape\n    type: binding\n"
                        + "  - name: Shape\n    type: binding\n", 7, "duplicate task name 'Shape'"),
                arguments("threshold above 1", HEAD + "tasks:\n  - name: Shape\n    type: binding\n"
                        + "    thresholds:\n      accuracy: 60\n", 8, "outside [0, 1]"),
                arguments("threshold below 0", HEAD + "tasks:\n  - name: Shape\n    type: binding\n"
                        + "    thresholds:\n      max_drop: -0.1\n", 8, "outside [0, 1]"),
                arguments("suite name differs from file", HEAD.replace("suite: bad", "suite: good")
                        + "tasks:\n  - name: Shape\n    type: binding\n", 1, "differs from the file name 'bad.yaml'"),
                arguments("unknown binding task", HEAD + "tasks:\n  - name: Shape\n    type: binding\n"
                        + "    source: ShapeColour\n", 7, "no binding task 'ShapeColour'"),
                arguments("unknown dataset", HEAD + "tasks:\n  - name: M\n    type: dataset\n    source: MNIST2\n",
                        7, "unknown dataset 'MNIST2'"),
                arguments("classifier value", HEAD + "classifier:\n  minScores: 1\ntasks:\n  - name: Shape\n"
                        + "    type: binding\n", 5, "classifier setting 'minScores'"),
                arguments("classifier key", HEAD + "classifier:\n  min_scores: 5\ntasks:\n  - name: Shape\n"
                        + "    type: binding\n", 5, "unknown key 'min_scores'"),
                arguments("duplicate key", HEAD + "examples: 5\ntasks:\n  - name: Shape\n    type: binding\n",
                        4, "has the key 'examples' twice"),
                arguments("shape bias on a binding task", HEAD + "tasks:\n  - name: Shape\n    type: binding\n"
                        + "    thresholds:\n      shape_bias: 0.5\n", 8, "shape_bias applies only to cue-conflict"),
                arguments("no tasks", HEAD + "tasks: []\n", 4, "'tasks' is empty"),
                arguments("no verdict", HEAD + "above_chance: false\ntasks:\n  - name: Shape\n    type: binding\n",
                        6, "has no verdict"),
                arguments("not a boolean", HEAD + "above_chance: maybe\ntasks:\n  - name: Shape\n    type: binding\n",
                        4, "'above_chance' must be true or false"),
                arguments("examples beyond an int", HEAD.replace("examples: 4", "examples: 1000000000000")
                        + "tasks:\n  - name: Shape\n    type: binding\n", 3,
                        "'examples' must be at most 2147483647, not 1000000000000"),
                arguments("task examples beyond an int", HEAD + "tasks:\n  - name: Shape\n    type: binding\n"
                        + "    examples: 99999999999999999999999\n", 7, "'examples' must be at most 2147483647"),
                arguments("seed beyond a long", HEAD + "seed: 99999999999999999999\ntasks:\n  - name: Shape\n"
                        + "    type: binding\n", 4, "'seed' must be at most 9223372036854775807"),
                arguments("task names differing only in case", HEAD + "tasks:\n  - name: Shape\n    type: binding\n"
                        + "  - name: shape\n    type: binding\n    source: Shape\n", 7,
                        "task name 'shape' differs only in case from 'Shape' (line 5)"),
                arguments("threshold below chance on a binding task", HEAD + "tasks:\n  - name: Shape\n"
                        + "    type: binding\n    thresholds:\n      accuracy: 0.49\n", 8, "below chance 0.5000"),
                arguments("threshold below chance on a dataset", HEAD + "tasks:\n  - name: M\n    type: dataset\n"
                        + "    source: MNIST\n    thresholds:\n      accuracy: 0.05\n", 9, "below chance 0.1000"),
                arguments("threshold below chance on Cue-Conflict", HEAD + "tasks:\n  - name: C\n"
                        + "    type: cue-conflict\n    thresholds:\n      accuracy: 0.06\n", 8, "below chance 0.0625"),
                arguments("unknown expectation", HEAD + "tasks:\n  - name: Shape\n    type: binding\n"
                        + "    expect: maybe\n", 7, "unknown expect 'maybe'; known: above, chance"),
                arguments("expect chance with a threshold", HEAD + "tasks:\n  - name: Shape\n    type: binding\n"
                        + "    expect: chance\n    thresholds:\n      accuracy: 0.6\n", 9,
                        "declared expect: chance but sets an accuracy threshold"),
                arguments("expect chance without the chance verdict", HEAD + "above_chance: false\nexpect: chance\n"
                        + "tasks:\n  - name: Shape\n    type: binding\n", 7, "above_chance: false turns off"),
                arguments("template without slot", HEAD + "tasks:\n  - name: M\n    type: dataset\n    source: MNIST\n"
                        + "    template: a photo of a digit.\n", 8, "has no '{}'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isReportedAtItsLine(String what, String yaml, int line, String message) throws IOException {
        Path file = Files.writeString(dir.resolve("bad.yaml"), yaml);

        EngineDiscoveryResults results = EngineTestKit.engine(new DiffProbeEngine(FakeClassifiers.perfect()))
                .selectors(selectFile(file.toFile())).discover();

        assertThat(Problems.suites(results)).isEmpty();
        assertThat(Problems.of(results)).anySatisfy(issue -> {
            assertThat(issue.severity()).isEqualTo(DiscoveryIssue.Severity.ERROR);
            assertThat(issue.message()).contains(message).contains(file.toString());
            assertThat(issue.source()).containsInstanceOf(FileSource.class);
            FileSource source = (FileSource) issue.source().orElseThrow();
            assertThat(source.getFile().toPath()).isEqualTo(file);
            assertThat(source.getPosition().map(p -> p.getLine()).orElse(0)).isEqualTo(line);
        });
    }

    @Test
    void everyBadClassifierSettingIsReportedAtItsOwnLine() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.yaml"), HEAD + "classifier:\n  minScores: 1\n  maxScores: lots\n"
                + "  cutoffPval: 2\n  weighting: quadratic\n  tMin: 0.7\ntasks:\n  - name: Shape\n    type: binding\n");

        EngineDiscoveryResults results = discover(file);

        assertThat(Problems.suites(results)).isEmpty();
        assertThat(Problems.of(results)).extracting(issue -> line(issue) + " " + issue.message().replaceAll(".*: classifier setting ", ""))
                .containsExactlyInAnyOrder("6 'maxScores' = 'lots': expected an integer",
                        "5 'minScores' = '1': expected at least 2 (a paired t-test needs two pairs)",
                        "7 'cutoffPval' = '2.0': expected a probability in [0, 1]",
                        "9 'tMin' = '0.7': expected a number in (0, 0.5)",
                        "8 'weighting' = 'quadratic': expected simple, vdm, heuristic or learned");
    }

    @Test
    void aTasksOwnBadClassifierSettingsAreReportedAtTheirLinesAndTheSuitesOnlyOnce() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.yaml"), HEAD + "classifier:\n  minScores: 1\n"
                + "tasks:\n  - name: Shape\n    type: binding\n    classifier:\n      maxScores: lots\n      tMin: 0.7\n"
                + "  - name: Color\n    type: binding\n");

        EngineDiscoveryResults results = discover(file);

        assertThat(Problems.of(results)).extracting(issue -> line(issue) + " "
                        + issue.message().replaceAll(".*?: (task 'Shape': )?classifier setting ", ""))
                .containsExactlyInAnyOrder("5 'minScores' = '1': expected at least 2 (a paired t-test needs two pairs)",
                        "10 'maxScores' = 'lots': expected an integer",
                        "11 'tMin' = '0.7': expected a number in (0, 0.5)");
    }

    @Test
    void bytesThatAreNotUtf8AreAnErrorAtTheirLineNotAMangledTaskName() throws IOException {
        byte[] latin1 = (HEAD + "tasks:\n  - name: Col\u00f6r\n    type: binding\n    source: Color\n")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Path file = Files.write(dir.resolve("bad.yaml"), latin1);

        EngineDiscoveryResults results = discover(file);

        assertThat(Problems.suites(results)).isEmpty();
        assertThat(Problems.of(results)).singleElement().satisfies(issue -> {
            assertThat(issue.message()).contains(file + ":5").contains("byte 0xF6").contains("not UTF-8");
            assertThat(line(issue)).isEqualTo(5);
        });
    }

    @Test
    void aFileTooLargeToBeASuiteIsRefusedBeforeParsing() throws IOException {
        String tasks = "  - name: Shape\n    type: binding\n    tags: [" + "x,".repeat(600_000) + "x]\n";
        Path file = Files.writeString(dir.resolve("bad.yaml"), HEAD + "tasks:\n" + tasks);

        EngineDiscoveryResults results = discover(file);

        assertThat(Problems.of(results)).singleElement().satisfies(issue ->
                assertThat(issue.message()).contains(file.toString()).contains("a suite file has at most 1,048,576"));
        assertThat(Problems.suites(results)).isEmpty();
    }

    private static EngineDiscoveryResults discover(Path file) {
        return EngineTestKit.engine(new DiffProbeEngine(FakeClassifiers.perfect())).selectors(selectFile(file.toFile()))
                .discover();
    }

    private static int line(DiscoveryIssue issue) {
        return issue.source().filter(FileSource.class::isInstance).map(FileSource.class::cast)
                .flatMap(FileSource::getPosition).map(p -> p.getLine()).orElse(0);
    }

    @Test
    void aRunWithABadSuiteFailsWithTheIssueAsItsMessage() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.yaml"), HEAD + "tasks:\n  - name: Shape\n    type: bindings\n");

        EngineExecutionResults results = EngineTestKit.engine(new DiffProbeEngine(FakeClassifiers.perfect()))
                .selectors(selectFile(file.toFile())).execute();

        results.allEvents().assertStatistics(stats -> stats.failed(1));
        assertThat(results.allEvents().failed().stream().findFirst().orElseThrow()
                .getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class).getThrowable())
                .hasValueSatisfying(t -> assertThat(t).hasMessageContaining("unknown task type 'bindings'"));
    }
}
