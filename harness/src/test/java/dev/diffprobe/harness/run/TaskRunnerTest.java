package dev.diffprobe.harness.run;

import dev.diffprobe.tasks.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaskRunnerTest {
    private static final Task TASK = Fixtures.task("ShapeColor", 40);

    @TempDir
    Path out;

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    private TaskRunner runner(RunSettings settings, ClassifierSource source) {
        return runner(settings, source, 1);
    }

    private TaskRunner runner(RunSettings settings, ClassifierSource source, int workers) {
        long[] clock = {0};
        return new TaskRunner(settings, source, workers, new PrintStream(log, true, StandardCharsets.UTF_8),
                () -> {
                    synchronized (clock) {
                        return clock[0] += 1_000_000_000L;
                    }
                });
    }

    private TaskOutcome run(RunSettings settings, ClassifierSource source) {
        return run(settings, source, 1);
    }

    private TaskOutcome run(RunSettings settings, ClassifierSource source, int workers) {
        try (TaskRunner runner = runner(settings, source, workers)) {
            return runner.run("binding", TASK);
        }
    }

    @Test
    void workersGiveWhatOneWorkerGivesEachOnItsOwnCopyOfTheCheckpoint() {
        for (int workers : new int[] {2, 3, 40, 64}) {
            Path dir = out.resolve("workers-" + workers);
            List<String> opened = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            ClassifierSource source = (checkpoint, settings) -> {
                opened.add(Thread.currentThread().getName());
                return Fixtures.source("fp1", Integer.MAX_VALUE).open(checkpoint, settings);
            };
            TaskOutcome outcome = run(Fixtures.settings(dir), source, workers);
            assertThat(Fixtures.describe(outcome)).isEqualTo(uninterrupted());
            assertThat(JournalReader.read(outcome.journal()).rows()).hasSize(40)
                    .extracting(JournalRow::exampleId).doesNotHaveDuplicates();
            assertThat(opened).hasSize(Math.min(workers, 40));
        }
    }

    @Test
    void workersThatDieLeaveWhatTheyFinishedJournaledAndTheRunResumes() {
        RunSettings settings = Fixtures.settings(out);
        assertThatThrownBy(() -> run(settings, Fixtures.source("fp1", 5), 3)).isInstanceOf(RunException.class)
                .hasMessageContaining("stopped after 15 of 40 examples").hasCauseInstanceOf(FakeClassifier.Killed.class);
        assertThat(JournalReader.read(out.resolve("binding/ShapeColor.csv")).rows()).hasSize(15);
        TaskOutcome resumed = run(settings, Fixtures.source("fp1", Integer.MAX_VALUE), 3);
        assertThat(resumed.resumed()).isEqualTo(15);
        assertThat(Fixtures.describe(resumed)).isEqualTo(uninterrupted());
    }

    @Test
    void aResultRepeatedByAnotherWorkerIsANamedError() {
        ClassifierSource repeating = (checkpoint, settings) -> new LoadedCheckpoint("tiny", "fp1", "diffusion",
                (examples, sink) -> sink.accept(FakeClassifier.result(11, TASK.examples().get(0))),
                Map.of(), () -> { });
        assertThatThrownBy(() -> run(Fixtures.settings(out), repeating, 2)).isInstanceOf(RunException.class)
                .hasMessageContaining("unexpected or repeated result for example '" + TASK.examples().get(0).id() + "'");
    }

    @Test
    void atLeastOneWorker() {
        assertThatThrownBy(() -> runner(Fixtures.settings(out), Fixtures.source("fp1", 1), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("workers must be at least 1");
    }

    private List<String> uninterrupted() {
        Path elsewhere = out.resolve("reference");
        return Fixtures.describe(run(Fixtures.settings(elsewhere), Fixtures.source("fp1", Integer.MAX_VALUE)));
    }

    @Test
    void journalsEveryExampleInTheTasksOrder() throws IOException {
        TaskOutcome outcome = run(Fixtures.settings(out), Fixtures.source("fp1", Integer.MAX_VALUE));
        assertThat(outcome.n()).isEqualTo(40);
        assertThat(outcome.resumed()).isZero();
        assertThat(outcome.failures()).isEqualTo(1);
        assertThat(outcome.journal()).isEqualTo(out.resolve("binding").resolve("ShapeColor.csv"));
        assertThat(outcome.classifications()).extracting(c -> c.exampleId())
                .containsExactlyElementsOf(TASK.examples().stream().map(e -> e.id()).toList());
        List<JournalRow> rows = JournalReader.read(outcome.journal()).rows();
        assertThat(rows).hasSize(40);
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.seed()).isEqualTo(11);
            assertThat(r.checkpointFingerprint()).isEqualTo("fp1");
        });
        JournalRow corrupt = rows.stream().filter(r -> r.exampleId().endsWith("-corrupt")).findFirst().orElseThrow();
        assertThat(corrupt.error()).contains("cannot decode image bad PNG header");
        assertThat(corrupt.predicted()).isEqualTo(-1);
        assertThat(Files.readAllLines(outcome.journal()).get(0)).startsWith("example_id,label,label_name,predicted");
    }

    @Test
    void aKilledRunResumesAndEndsAsAnUninterruptedOne() {
        RunSettings settings = Fixtures.settings(out);
        assertThatThrownBy(() -> run(settings, Fixtures.source("fp1", 17))).isInstanceOf(RunException.class)
                .hasMessageContaining("stopped after 17 of 40 examples").hasCauseInstanceOf(FakeClassifier.Killed.class);
        assertThat(JournalReader.read(out.resolve("binding/ShapeColor.csv")).rows()).hasSize(17);

        TaskOutcome resumed = run(settings, Fixtures.source("fp1", Integer.MAX_VALUE));
        assertThat(resumed.resumed()).isEqualTo(17);
        assertThat(Fixtures.describe(resumed)).isEqualTo(uninterrupted());
        assertThat(JournalReader.read(resumed.journal()).rows()).hasSize(40);
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("resuming, 17/40 examples already in the journal");
    }

    @Test
    void aLineTornByAKillIsDroppedAndItsExampleRunAgain() throws IOException {
        RunSettings settings = Fixtures.settings(out);
        TaskOutcome first = run(settings, Fixtures.source("fp1", Integer.MAX_VALUE));
        byte[] bytes = Files.readAllBytes(first.journal());
        int lastLineStart = lastIndexOf(bytes, (byte) '\n', bytes.length - 2) + 1;
        int cut = lastLineStart + (bytes.length - lastLineStart) / 2;
        Files.write(first.journal(), java.util.Arrays.copyOf(bytes, cut));
        assertThat(JournalReader.read(first.journal()).tornBytes()).isEqualTo(cut - lastLineStart);

        TaskOutcome second = run(settings, Fixtures.source("fp1", Integer.MAX_VALUE));
        assertThat(second.resumed()).isEqualTo(39);
        assertThat(Fixtures.describe(second)).isEqualTo(Fixtures.describe(first));
        JournalReader.Contents contents = JournalReader.read(second.journal());
        assertThat(contents.tornBytes()).isZero();
        assertThat(contents.rows()).hasSize(40);
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("dropped a torn last line");
    }

    @Test
    void aKillMidWriteAfterSomeExamplesLosesOnlyTheTornOne() throws IOException {
        RunSettings settings = Fixtures.settings(out);
        assertThatThrownBy(() -> run(settings, Fixtures.source("fp1", 9))).hasCauseInstanceOf(FakeClassifier.Killed.class);
        Path journal = out.resolve("binding/ShapeColor.csv");
        byte[] bytes = Files.readAllBytes(journal);
        Files.write(journal, java.util.Arrays.copyOf(bytes, bytes.length - 7));

        TaskOutcome resumed = run(settings, Fixtures.source("fp1", Integer.MAX_VALUE));
        assertThat(resumed.resumed()).isEqualTo(8);
        assertThat(Fixtures.describe(resumed)).isEqualTo(uninterrupted());
    }

    @Test
    void aChangedSettingStartsAfreshAndKeepsTheOldJournal() throws IOException {
        RunSettings settings = Fixtures.settings(out);
        TaskOutcome first = run(settings, Fixtures.source("fp1", Integer.MAX_VALUE));
        byte[] firstJournal = Files.readAllBytes(first.journal());
        TaskOutcome changed = run(settings.withClassifier(Map.of("weightingK", "6")),
                Fixtures.source("fp1", Integer.MAX_VALUE));
        assertThat(changed.resumed()).isZero();
        Path kept = out.resolve("binding/superseded/ShapeColor." + Journal.settingsHash(settings, "fp1") + ".csv");
        assertThat(kept).hasBinaryContent(firstJournal);
        assertThat(JournalReader.read(changed.journal()).rows()).hasSize(40);
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("written with other settings")
                .contains("its 40 examples are kept in superseded/ShapeColor.");
    }

    @Test
    void goingBackToEarlierSettingsResumesTheirJournalInsteadOfRepeatingIt() throws IOException {
        RunSettings seed11 = Fixtures.settings(out);
        RunSettings seed12 = new RunSettings(seed11.checkpoint(), seed11.baseline(), 12, seed11.examples(),
                seed11.classifier(), seed11.outputDir(), seed11.lockWait());
        TaskOutcome first = run(seed11, Fixtures.source("fp1", Integer.MAX_VALUE));
        byte[] firstJournal = Files.readAllBytes(first.journal());
        TaskOutcome second = run(seed12, Fixtures.source("fp1", Integer.MAX_VALUE));
        byte[] secondJournal = Files.readAllBytes(second.journal());
        assertThat(second.resumed()).isZero();

        TaskOutcome third = run(seed11, Fixtures.source("fp1", Integer.MAX_VALUE));
        assertThat(third.resumed()).isEqualTo(40);
        assertThat(Fixtures.describe(third)).isEqualTo(Fixtures.describe(first));
        assertThat(third.journal()).hasBinaryContent(firstJournal);
        TaskOutcome fourth = run(seed12, Fixtures.source("fp1", Integer.MAX_VALUE));
        assertThat(fourth.resumed()).isEqualTo(40);
        assertThat(fourth.journal()).hasBinaryContent(secondJournal);
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("resuming the journal of these settings kept in");
        try (var kept = Files.list(out.resolve("binding/superseded"))) {
            assertThat(kept.map(p -> p.getFileName().toString()))
                    .containsExactly("ShapeColor." + Journal.settingsHash(seed11, "fp1") + ".csv");
        }
    }

    @Test
    void aJournalOfChangedExamplesIsKeptBesideAnEarlierOneOfTheSameSettings() throws IOException {
        RunSettings settings = Fixtures.settings(out);
        String hash = Journal.settingsHash(settings, "fp1");
        run(settings, Fixtures.source("fp1", Integer.MAX_VALUE));
        try (TaskRunner runner = runner(settings, Fixtures.source("fp1", Integer.MAX_VALUE))) {
            assertThat(runner.run("binding", Fixtures.task("ShapeColor", 40, " on the left")).resumed()).isZero();
        }
        try (TaskRunner runner = runner(settings, Fixtures.source("fp1", Integer.MAX_VALUE))) {
            assertThat(runner.run("binding", Fixtures.task("ShapeColor", 40, " on the right")).resumed()).isZero();
        }
        assertThat(out.resolve("binding/superseded/ShapeColor." + hash + ".csv")).exists();
        assertThat(out.resolve("binding/superseded/ShapeColor." + hash + ".2.csv")).exists();
        // Back to the first examples: the matching one of the two comes back.
        assertThat(run(settings, Fixtures.source("fp1", Integer.MAX_VALUE)).resumed()).isEqualTo(40);
    }

    @Test
    void aBackupLeftByAnOlderVersionJoinsTheKeptJournals() throws IOException {
        RunSettings settings = Fixtures.settings(out);
        TaskOutcome first = run(settings, Fixtures.source("fp1", Integer.MAX_VALUE));
        Path backup = out.resolve("binding/ShapeColor.csv.bak");
        Files.move(first.journal(), backup);
        TaskOutcome again = run(settings, Fixtures.source("fp1", Integer.MAX_VALUE));
        assertThat(backup).doesNotExist();
        assertThat(again.resumed()).isEqualTo(40);
    }

    @Test
    void tasksWhoseNamesDifferOnlyInUnsafeCharactersKeepSeparateJournals() {
        try (TaskRunner runner = runner(Fixtures.settings(out), Fixtures.source("fp1", Integer.MAX_VALUE))) {
            TaskOutcome slash = runner.run("binding", Fixtures.task("a/b", 6));
            TaskOutcome underscore = runner.run("binding", Fixtures.task("a_b", 6));
            assertThat(slash.journal()).isNotEqualTo(underscore.journal());
            assertThat(JournalReader.read(slash.journal()).rows()).extracting(JournalRow::exampleId).allMatch(id -> id.startsWith("a/b-"));
            assertThat(runner.run("binding", Fixtures.task("a/b", 6)).resumed()).isEqualTo(6);
            assertThat(runner.run("binding", Fixtures.task("a_b", 6)).resumed()).isEqualTo(6);
        }
        assertThat(log.toString(StandardCharsets.UTF_8)).doesNotContain("kept in");
    }

    @Test
    void aTaskWithoutExamplesIsANamedErrorNotAnEmptyResult() {
        try (TaskRunner runner = runner(Fixtures.settings(out), Fixtures.source("fp1", Integer.MAX_VALUE))) {
            assertThatThrownBy(() -> runner.run("binding", new Task("Empty", "", List.of(), 0.5)))
                    .isInstanceOf(RunException.class).hasMessageContaining("task Empty has no examples");
        }
    }

    @Test
    void anotherSeedOrCheckpointStartsAfresh() {
        RunSettings settings = Fixtures.settings(out);
        run(settings, Fixtures.source("fp1", Integer.MAX_VALUE));
        RunSettings reseeded = new RunSettings(settings.checkpoint(), settings.baseline(), 12, settings.examples(),
                settings.classifier(), settings.outputDir(), settings.lockWait());
        assertThat(run(reseeded, Fixtures.source("fp1", Integer.MAX_VALUE)).resumed()).isZero();
        assertThat(run(reseeded, Fixtures.source("fp2", Integer.MAX_VALUE)).resumed()).isZero();
        assertThat(run(reseeded, Fixtures.source("fp2", Integer.MAX_VALUE)).resumed()).isEqualTo(40);
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("all 40 examples already in");
    }

    @Test
    void changedExamplesUnderTheSameIdsStartAfresh() {
        RunSettings settings = Fixtures.settings(out);
        run(settings, Fixtures.source("fp1", Integer.MAX_VALUE));
        try (TaskRunner runner = runner(settings, Fixtures.source("fp1", Integer.MAX_VALUE))) {
            TaskOutcome outcome = runner.run("binding", Fixtures.task("ShapeColor", 40, " on the left"));
            assertThat(outcome.resumed()).isZero();
        }
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("has changed");
    }

    @Test
    void raisingTheExampleCapReusesTheExamplesAlreadyRun() {
        RunSettings settings = Fixtures.settings(out);
        TaskOutcome small = run(settings.withExamples(10), Fixtures.source("fp1", Integer.MAX_VALUE));
        assertThat(small.n()).isEqualTo(10);
        TaskOutcome full = run(settings, Fixtures.source("fp1", Integer.MAX_VALUE));
        assertThat(full.resumed()).isEqualTo(10);
        assertThat(Fixtures.describe(full)).isEqualTo(uninterrupted());
    }

    @Test
    void aBaselineRunsTheSameExamplesAndIsJournaledToo() {
        RunSettings settings = Fixtures.settings(out).withBaseline(Path.of("checkpoints", "early"));
        TaskOutcome outcome = run(settings, Fixtures.source("fp1", Integer.MAX_VALUE));
        TaskOutcome baseline = outcome.baseline().orElseThrow();
        assertThat(baseline.checkpointName()).isEqualTo("early");
        assertThat(baseline.journal()).isEqualTo(out.resolve("binding/ShapeColor.baseline.csv"));
        assertThat(baseline.classifications()).extracting(c -> c.exampleId())
                .containsExactlyElementsOf(outcome.classifications().stream().map(c -> c.exampleId()).toList());
        assertThat(run(settings, Fixtures.source("fp1", Integer.MAX_VALUE)).baseline().orElseThrow().resumed())
                .isEqualTo(40);
    }

    @Test
    void regressionModeCatchesACandidateWorseThanItsBaseline() {
        // "good" is always right; "worse" errs on examples 0, 3, ..., 39: 14 of 40 lost, none gained.
        ClassifierSource twoCheckpoints = (checkpoint, settings) -> {
            boolean worse = checkpoint.getFileName().toString().equals("worse");
            return new LoadedCheckpoint(checkpoint.getFileName().toString(), worse ? "fpW" : "fpG", "diffusion",
                    (examples, sink) -> examples.forEach(e -> {
                        int index = Integer.parseInt(e.id().split("-")[1]);
                        int predicted = worse && index % 3 == 0 ? (e.label() + 1) % 3 : e.label();
                        sink.accept(new dev.diffprobe.harness.classify.Classification(e.id(), e.label(), predicted,
                                new double[] {0, 0, 0}, new int[] {1, 1, 1}, 3, new int[] {-1, -1, -1},
                                new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, java.util.Optional.empty()));
                    }), Map.of(), () -> { });
        };
        RunSettings settings = RunSettings.of(Path.of("worse"), 5).withOutputDir(out).withBaseline(Path.of("good"));
        TaskOutcome outcome = run(settings, twoCheckpoints);
        Verdict verdict = Verdicts.regression(outcome, 0.10, 0.05);
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.message()).contains("worse 0.65 vs baseline good 1.00 (n=40), discordant 14 lost / 0 gained");
        assertThat(Verdicts.regression(outcome, 0.40, 0.05).passed()).isTrue();
    }

    @Test
    void aMissingResultIsANamedError() {
        ClassifierSource lazy = (checkpoint, settings) -> new LoadedCheckpoint("tiny", "fp1", "diffusion",
                (examples, sink) -> sink.accept(FakeClassifier.result(11, examples.get(0))), Map.of(), () -> { });
        assertThatThrownBy(() -> run(Fixtures.settings(out), lazy)).isInstanceOf(RunException.class)
                .hasMessageContaining("returned 1 of 40 results");
    }

    @Test
    void duplicateExampleIdsAreANamedError() {
        Task twice = new Task("Twice", "", List.of(TASK.examples().get(0), TASK.examples().get(0)), 0.5);
        try (TaskRunner runner = runner(Fixtures.settings(out), Fixtures.source("fp1", Integer.MAX_VALUE))) {
            assertThatThrownBy(() -> runner.run("binding", twice)).isInstanceOf(RunException.class)
                    .hasMessageContaining("occurs twice");
        }
    }

    @Test
    void anUnopenableCheckpointIsANamedError() {
        ClassifierSource broken = (checkpoint, settings) -> {
            throw new IOException(checkpoint + "/model.yaml: no such file");
        };
        assertThatThrownBy(() -> run(Fixtures.settings(out), broken)).isInstanceOf(RunException.class)
                .hasMessageContaining("cannot open checkpoint").hasMessageContaining("model.yaml");
    }

    @Test
    void writesProgressLinesWithoutCarriageReturns() {
        run(Fixtures.settings(out), Fixtures.source("fp1", Integer.MAX_VALUE));
        String text = log.toString(StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("\r");
        assertThat(text).contains("diffprobe binding/ShapeColor on tiny: 40/40 examples (100%)");
        assertThat(text.lines().count()).isBetween(2L, 11L);
    }

    private static int lastIndexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i >= 0; i--) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
