package dev.diffprobe.harness.engine;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

import dev.diffprobe.tasks.cue.CueConflict;
import dev.diffprobe.tasks.data.ClassPrompts;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathResource;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

/**
 * Running suites end to end on a fake classifier: verdicts, summary, journals, a dataset task
 * without data, and resuming after a kill that left a torn journal line.
 */
class ExecutionTest {
    @TempDir
    Path out;

    @Test
    void aGoodCheckpointPassesEveryVerdictAndTheSummaryIsWritten() throws IOException {
        FakeClassifiers perfect = FakeClassifiers.perfect();

        EngineExecutionResults results = run(perfect, Map.of());

        results.testEvents().assertStatistics(stats -> stats.started(3).succeeded(3).failed(0));
        assertThat(perfect.classified).hasSize(8 + 6);
        assertThat(out.resolve("smoke/summary.csv")).exists();
        assertThat(Files.readString(out.resolve("smoke/summary.md"))).contains("| Shape |").contains("| ColorShape |");
        assertThat(rows(out.resolve("smoke/Shape.csv"))).hasSize(8);
        assertThat(Files.readString(out.resolve("smoke/Shape.summary.md"))).contains("| Shape | fake-fake | 8 | 1.000 |");
    }

    @Test
    void aBadCheckpointFailsWithAccuracyIntervalNAndThresholdInTheMessage() {
        EngineExecutionResults results = run(FakeClassifiers.wrong(), Map.of());

        results.testEvents().assertStatistics(stats -> stats.started(3).failed(3));
        results.testEvents().assertThatEvents().haveExactly(1, event(displayName("smoke/Shape: accuracy >= 0.50"),
                finishedWithFailure(message(m -> m.startsWith("regression: Shape: 0.00 [0.00, 0.32] n=8, threshold 0.50")))));
        results.testEvents().assertThatEvents().haveExactly(1, event(displayName(
                "smoke/ColorShape: above chance (binomial test, alpha 0.05)"), finishedWithFailure(message(m -> m.startsWith(
                "not above chance: ColorShape: 0.00 [0.00, 0.39] n=6, chance 0.50: binomial p=1.000")))));
    }

    @Test
    void aBaselineRunsTheSameExamplesAndTheRegressionVerdictComparesThePairs() {
        FakeClassifiers worse = FakeClassifiers.worseThanBaseline();

        EngineExecutionResults results = run(worse, Map.of("baseline", "src/test/resources/checkpoints/fake-baseline"));

        assertThat(worse.classified).hasSize(2 * (8 + 6));
        assertThat(out.resolve("smoke/Shape.baseline.csv")).exists();
        results.testEvents().assertThatEvents().haveExactly(1, event(displayName(
                "smoke/Shape: no regression vs baseline (McNemar, alpha 0.05, max drop 0.00)"),
                finishedWithFailure(message(m -> m.startsWith("regression: Shape: fake-fake 0.00 vs baseline fake-fake-baseline 1.00"
                        + " (n=8), discordant 8 lost / 0 gained")))));

        FakeClassifiers same = FakeClassifiers.perfect();
        run(same, Map.of("baseline", "src/test/resources/checkpoints/fake-baseline",
                "diffprobe.output", out.resolve("same").toString()))
                .testEvents().assertStatistics(stats -> stats.started(5).succeeded(5));
    }

    /**
     * A task declared expect: chance that stays at chance is an aborted test (neither a failure
     * nor a silent pass); one that comes out significantly above chance passes as news, at
     * alpha over the suite's declared-at-chance tasks; the summary says which.
     */
    @Test
    void aTaskDeclaredAtChanceIsReportedAsSuchAndNewsWhenItRises() throws IOException {
        Path suite = Files.writeString(out.resolve("declared.yaml"), """
                suite: declared
                checkpoint: src/test/resources/checkpoints/fake
                seed: 11
                examples: 20
                classifier: {minScores: 2, maxScores: 4}
                tasks:
                  - name: Shape
                    type: binding
                    thresholds: {accuracy: 0.55}
                  - name: ShapeColor
                    type: binding
                    expect: chance
                  - name: ColorShape
                    type: binding
                    expect: chance
                """);
        FakeClassifiers wrong = FakeClassifiers.wrong();
        EngineExecutionResults atChance = EngineTestKit.engine(new DiffProbeEngine(wrong))
                .configurationParameters(Map.of("diffprobe.output", out.resolve("at").toString()))
                .selectors(selectFile(suite.toFile())).execute();
        atChance.testEvents().assertThatEvents().haveExactly(1, event(displayName(
                "declared/ShapeColor: known at chance (expect: chance; news if binomial p < 0.025)"),
                abortedWithReason(message(m -> m.startsWith("at chance, as declared (expect: chance): ShapeColor: 0.00")))));
        atChance.testEvents().assertStatistics(stats -> stats.aborted(2).failed(2));
        assertThat(Files.readString(out.resolve("at/declared/summary.md"))).contains("AT CHANCE (declared)");
        assertThat(Files.readString(out.resolve("at/declared/profile.txt")))
                .contains("at chance (3): Shape 0.00 (not declared at chance), ShapeColor 0.00, ColorShape 0.00")
                .contains("REGRESSIONS (1): Shape 0.00 (accuracy, chance)");

        EngineExecutionResults news = EngineTestKit.engine(new DiffProbeEngine(FakeClassifiers.perfect()))
                .configurationParameters(Map.of("diffprobe.output", out.resolve("news").toString()))
                .selectors(selectFile(suite.toFile())).execute();
        news.testEvents().assertStatistics(stats -> stats.succeeded(4).aborted(0).failed(0));
        news.testEvents().assertThatEvents().haveExactly(1, event(displayName(
                "declared/ColorShape: known at chance (expect: chance; news if binomial p < 0.025)"),
                finishedSuccessfully()));
        assertThat(Files.readString(out.resolve("news/declared/summary.md"))).contains("NEWS (above chance)");
        assertThat(Files.readString(out.resolve("news/declared/profile.txt")))
                .contains("above chance (3): Shape 1.00, ShapeColor 1.00, ColorShape 1.00")
                .contains("news (declared at chance, now above) (2): ShapeColor 1.00 (p=9.54e-07), ColorShape 1.00")
                .contains("regressions: none");
    }

    /**
     * A recorded run's results folder as the baseline: the regression verdict pairs examples with
     * the recorded journals and no baseline checkpoint is opened; a baseline recorded at another
     * seed, with other classifier settings or on fewer examples is an error naming the difference.
     */
    @Test
    void aRecordedResultsFolderIsABaselineComparedExampleByExample() throws IOException {
        Path recorded = out.resolve("recorded");
        run(FakeClassifiers.perfect(), Map.of("diffprobe.output", recorded.toString()));

        FakeClassifiers wrong = FakeClassifiers.wrong();
        EngineExecutionResults results = run(wrong, Map.of("baseline", recorded.toString(),
                "diffprobe.output", out.resolve("new").toString()));
        assertThat(wrong.opened).allSatisfy(c -> assertThat(c.getFileName().toString()).isEqualTo("fake"));
        assertThat(wrong.classified).hasSize(8 + 6);
        results.testEvents().assertThatEvents().haveExactly(1, event(displayName(
                "smoke/Shape: no regression vs baseline (McNemar, alpha 0.05, max drop 0.00)"),
                finishedWithFailure(message(m -> m.startsWith("regression: Shape: fake-fake 0.00 vs baseline recorded fingerprint-"
                        + " 1.00 (n=8), discordant 8 lost / 0 gained")))));
        // The suite's folder itself works as well as the output root above it.
        run(FakeClassifiers.perfect(), Map.of("baseline", recorded.resolve("smoke").toString(),
                "diffprobe.output", out.resolve("same").toString()))
                .testEvents().assertStatistics(stats -> stats.failed(0).succeeded(5));

        assertThat(taskFailure(run(FakeClassifiers.perfect(), Map.of("baseline", recorded.toString(), "seed", "12",
                "diffprobe.output", out.resolve("seed").toString())))).contains("was made at seed 11 (line 2),"
                + " this run uses seed 12");
        assertThat(taskFailure(run(FakeClassifiers.perfect(), Map.of("baseline", recorded.toString(),
                "diffprobe.classifier.maxScores", "5", "diffprobe.output", out.resolve("settings").toString()))))
                .contains("was made with other classifier settings than this run's (maxScores=5, minScores=2)");
        Path fewer = out.resolve("fewer");
        run(FakeClassifiers.perfect(), Map.of("diffprobe.output", fewer.toString(), "examples", "3"));
        assertThat(taskFailure(run(FakeClassifiers.perfect(), Map.of("baseline", fewer.toString(),
                "diffprobe.output", out.resolve("more").toString())))).contains("lacks 5 of this run's 8 examples");
    }

    @Test
    void aBaselineThatIsNeitherACheckpointNorAResultsFolderIsADiscoveryError() throws IOException {
        Path empty = Files.createDirectories(out.resolve("empty"));
        assertThat(Problems.of(EngineTestKit.engine(new DiffProbeEngine(FakeClassifiers.perfect()))
                .configurationParameters(Map.of("baseline", empty.toString()))
                .selectors(selectClasspathResource("probes/smoke.yaml")).discover()))
                .anySatisfy(issue -> assertThat(issue.message()).contains("-Dbaseline: ")
                        .contains("nor is it a results folder of an earlier run"));
    }

    /** The message of the first task container that failed. */
    private static String taskFailure(EngineExecutionResults results) {
        return results.containerEvents().failed().stream().findFirst().orElseThrow()
                .getRequiredPayload(TestExecutionResult.class).getThrowable().map(Throwable::getMessage).orElse("");
    }

    @Test
    void examplesSettingCapsEveryTask() {
        FakeClassifiers perfect = FakeClassifiers.perfect();

        run(perfect, Map.of("examples", "3"));

        assertThat(perfect.classified).hasSize(3 + 3);
    }

    @Test
    void datasetTaskWithoutDataIsSkippedWithTheExpectedPath() throws IOException {
        Path suite = Files.writeString(out.resolve("data.yaml"), """
                suite: data
                checkpoint: src/test/resources/checkpoints/fake
                tasks:
                  - name: MNIST
                    type: dataset
                    source: MNIST
                    examples: 10
                """);
        Path emptyRoot = Files.createDirectories(out.resolve("no-datasets"));

        EngineExecutionResults results = EngineTestKit.engine(new DiffProbeEngine(FakeClassifiers.perfect()))
                .configurationParameters(Map.of("data", emptyRoot.toString(), "diffprobe.output", out.toString()))
                .selectors(selectFile(suite.toFile())).execute();

        results.containerEvents().assertThatEvents().haveExactly(1, event(displayName("MNIST"),
                skippedWithReason(r -> r.contains(emptyRoot.resolve("mnist").toString())
                        && r.contains("http://yann.lecun.com/exdb/mnist/"))));
        results.testEvents().assertStatistics(stats -> stats.started(0));
        try (var left = Files.list(emptyRoot)) {
            assertThat(left.toList()).as("nothing is downloaded unless asked").isEmpty();
        }
    }

    @Test
    void askedToDownloadADatasetTheCatalogCannotFetchTheTaskFailsSayingSo() throws IOException {
        Path suite = Files.writeString(out.resolve("stl.yaml"), """
                suite: stl
                checkpoint: src/test/resources/checkpoints/fake
                tasks:
                  - name: STL10
                    type: dataset
                    examples: 10
                """);
        Path emptyRoot = Files.createDirectories(out.resolve("no-datasets"));

        EngineExecutionResults results = EngineTestKit.engine(new DiffProbeEngine(FakeClassifiers.perfect()))
                .configurationParameters(Map.of("data", emptyRoot.toString(), "download", "true",
                        "diffprobe.output", out.toString()))
                .selectors(selectFile(suite.toFile())).execute();

        assertThat(taskFailure(results)).startsWith("task STL10: -Ddownload=true could not fetch its data: no download"
                + " is known for STL10; fetch it by hand");
    }

    /** CIFAR-10 as a folder per class with {@code perClass} tiny PNGs each, under a fresh data root. */
    private Path cifarRoot(int perClass) throws IOException {
        Path root = out.resolve("datasets");
        for (String name : ClassPrompts.of("CIFAR10").classes()) {
            Path folder = Files.createDirectories(root.resolve("cifar10-test/test").resolve(name));
            for (int i = 0; i < perClass; i++) {
                ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "png",
                        folder.resolve(i + ".png").toFile());
            }
        }
        return root;
    }

    private EngineExecutionResults runCifar(FakeClassifiers classifiers, Path root, Map<String, String> settings)
            throws IOException {
        Path suite = Files.writeString(out.resolve("zs.yaml"), """
                suite: zs
                checkpoint: src/test/resources/checkpoints/fake
                examples: 20
                tasks:
                  - name: CIFAR10
                    type: dataset
                    source: CIFAR10
                """);
        Map<String, String> parameters = new TreeMap<>(Map.of("data", root.toString(), "diffprobe.output",
                out.toString()));
        parameters.putAll(settings);
        return EngineTestKit.engine(new DiffProbeEngine(classifiers)).configurationParameters(parameters)
                .selectors(selectFile(suite.toFile())).execute();
    }

    @Test
    void aCheckpointThatCannotExpressTheClassNamesSkipsTheTaskBeforeAnyExampleRuns() throws IOException {
        FakeClassifiers clevrWords = FakeClassifiers.knowing(Set.of("a", "photo", "of", "the", "red", "cube"));

        EngineExecutionResults results = runCifar(clevrWords, cifarRoot(3), Map.of());

        results.containerEvents().assertThatEvents().haveExactly(1, event(displayName("CIFAR10"),
                skippedWithReason(r -> r.startsWith("fake-fake cannot express CIFAR10: 10 of 10 class names are out"
                        + " of its vocabulary (airplane, automobile, bird, cat, deer and 5 more)")
                        && r.endsWith("; run it with -Dmodel=<a checkpoint whose tokenizer knows them>"))));
        results.testEvents().assertStatistics(stats -> stats.started(0).failed(0));
        assertThat(clevrWords.classified).isEmpty();
    }

    @Test
    void aCheckpointThatKnowsTheNamesRunsABalancedSubsampleThatExamplesReproduces() throws IOException {
        Set<String> words = new HashSet<>(Set.of("a", "photo", "of"));
        words.addAll(ClassPrompts.of("CIFAR10").classes());
        FakeClassifiers knowing = FakeClassifiers.knowing(words);
        Path root = cifarRoot(7);

        runCifar(knowing, root, Map.of()).testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
        FakeClassifiers again = FakeClassifiers.knowing(words);
        runCifar(again, root, Map.of("examples", "20", "diffprobe.output", out.resolve("again").toString()));

        assertThat(knowing.classified).hasSize(20);
        Map<String, Long> perClass = knowing.classified.stream().collect(Collectors.groupingBy(
                id -> id.split("/")[1], TreeMap::new, Collectors.counting()));
        assertThat(perClass).hasSize(10).allSatisfy((name, count) -> assertThat(count).isEqualTo(2));
        assertThat(again.classified).as("-Dexamples=20 takes what the suite's examples: 20 takes")
                .containsExactlyInAnyOrderElementsOf(knowing.classified);
    }

    /**
     * Cue-Conflict with two stimuli per class, one conflicting (texture of the next class) and one
     * not, and two human trials: one shape, one texture decision.
     */
    private Path cueRoot() throws IOException {
        Path root = out.resolve("cue-data");
        List<String> classes = CueConflict.CLASSES;
        for (int c = 0; c < classes.size(); c++) {
            String shape = classes.get(c);
            Path folder = Files.createDirectories(root.resolve("cue-conflict").resolve(shape));
            for (String name : List.of(shape + "1-" + classes.get((c + 1) % classes.size()) + "1.png",
                    shape + "2-" + shape + "2.png")) {
                ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "png", folder.resolve(name).toFile());
            }
        }
        Path humans = Files.createDirectories(root.resolve("cue-conflict").resolve(CueConflict.HUMAN_RESPONSES));
        Files.writeString(humans.resolve("subject-01.csv"), """
                subj,session,trial,rt,object_response,category,condition,imagename
                1,1,1,900,cat,cat,0,0001_cl_s01_0_cat_00_cat1-dog2.png
                1,1,2,900,dog,cat,0,0002_cl_s01_0_cat_00_cat2-dog1.png
                """);
        return root;
    }

    private EngineExecutionResults runCue(FakeClassifiers classifiers, String thresholds) throws IOException {
        Path suite = Files.writeString(out.resolve("cue.yaml"), """
                suite: cue
                checkpoint: src/test/resources/checkpoints/fake
                examples: 32
                tasks:
                  - name: CueConflict
                    type: cue-conflict
                """ + thresholds);
        return EngineTestKit.engine(new DiffProbeEngine(classifiers)).configurationParameters(Map.of("data",
                cueRoot().toString(), "diffprobe.output", out.toString())).selectors(selectFile(suite.toFile())).execute();
    }

    private static int texture(dev.diffprobe.tasks.Example e) {
        return CueConflict.CLASSES.indexOf(e.attributes().get("texture"));
    }

    @Test
    void everyCueConflictRunReportsShapeAccuracyAndShapeBiasBesideTheHumans() throws IOException {
        // Shape on the first 12 classes' conflict images, texture on the other 4.
        FakeClassifiers mostlyShape = FakeClassifiers.predicting(e -> e.label() < 12 ? e.label() : texture(e));

        runCue(mostlyShape, "");

        Map<String, String> row = rows(out.resolve("cue/summary.csv")).get(0).toMap();
        assertThat(row.get("shape_accuracy")).isEqualTo(Double.toString(12.0 / 32));
        assertThat(row.get("shape_bias")).isEqualTo(Double.toString(12.0 / 16));
        assertThat(row.get("human_shape_bias")).isEqualTo("0.5");
        assertThat(row.get("accuracy")).as("the task's accuracy counts the 16 same-cue images too")
                .isEqualTo(Double.toString(28.0 / 32));
        assertThat(Files.readString(out.resolve("cue/summary.md"))).contains("| 0.375 | 0.750 | 0.500 |")
                .contains("shape bias 0.500 = 1 shape / (1 shape + 1 texture) decisions on 2 conflict images of 2");
    }

    @Test
    void withNeitherShapeNorTextureDecisionsShapeBiasIsUndefinedNotZero() throws IOException {
        FakeClassifiers neither = FakeClassifiers.predicting(e -> e.label() == texture(e) ? e.label()
                : otherThan(e.label(), texture(e)));

        EngineExecutionResults results = runCue(neither, """
                    thresholds:
                      shape_bias: 0.5
                """);

        Map<String, String> row = rows(out.resolve("cue/summary.csv")).get(0).toMap();
        assertThat(row.get("shape_bias")).isEmpty();
        assertThat(Files.readString(out.resolve("cue/summary.md"))).contains("| 0.000 | undefined | 0.500 |");
        results.testEvents().assertThatEvents().haveExactly(1, event(displayName("cue/CueConflict: shape bias >= 0.50"),
                finishedWithFailure(message(m -> m.contains("shape bias undefined (no shape or texture decision)"
                        + " = 0 shape / (0 shape + 0 texture) decisions on 16 conflict images of 32")))));
    }

    private static int otherThan(int a, int b) {
        int c = 0;
        while (c == a || c == b) {
            c++;
        }
        return c;
    }

    @Test
    void aKilledRunResumesFromItsJournalDroppingATornLineAndEndsLikeAnUninterruptedOne() throws IOException {
        Path uninterrupted = out.resolve("uninterrupted");
        Path resumed = out.resolve("resumed");
        run(FakeClassifiers.mixed(), Map.of("diffprobe.output", uninterrupted.toString()));

        EngineExecutionResults killed = run(FakeClassifiers.mixedKilledAfter(5),
                Map.of("diffprobe.output", resumed.toString()));
        killed.containerEvents().assertThatEvents().haveAtLeastOne(event(displayName("Shape"),
                finishedWithFailure(message(m -> m.contains("simulated kill")))));
        Path journal = resumed.resolve("smoke/Shape.csv");
        assertThat(rows(journal)).hasSize(5);
        Files.writeString(journal, "Shape/11/9,1,a cube", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        FakeClassifiers rerun = FakeClassifiers.mixed();
        EngineExecutionResults results = run(rerun, Map.of("diffprobe.output", resumed.toString()));

        assertThat(rerun.classified).hasSize(3 + 6);
        assertThat(results.allEvents().failed().stream().map(ExecutionTest::failure).toList())
                .isEqualTo(run(FakeClassifiers.mixed(), Map.of("diffprobe.output", uninterrupted.toString()))
                        .allEvents().failed().stream().map(ExecutionTest::failure).toList());
        assertThat(predictions(journal)).isEqualTo(predictions(uninterrupted.resolve("smoke/Shape.csv")));
        assertThat(summary(resumed)).isEqualTo(summary(uninterrupted));
    }

    private EngineExecutionResults run(FakeClassifiers classifiers, Map<String, String> settings) {
        Map<String, String> all = new TreeMap<>(Map.of("diffprobe.output", out.toString()));
        all.putAll(settings);
        return EngineTestKit.engine(new DiffProbeEngine(classifiers)).configurationParameters(all)
                .selectors(selectClasspathResource("probes/smoke.yaml")).execute();
    }

    private static String failure(Event event) {
        return event.getTestDescriptor().getUniqueId() + " " + event.getRequiredPayload(TestExecutionResult.class)
                .getThrowable().map(Throwable::getMessage).orElse("");
    }

    private static List<CSVRecord> rows(Path csv) throws IOException {
        try (Reader in = Files.newBufferedReader(csv)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
    }

    private static Map<String, String> predictions(Path journal) throws IOException {
        Map<String, String> predicted = new TreeMap<>();
        for (CSVRecord row : rows(journal)) {
            predicted.put(row.get(0), row.get("predicted"));
        }
        return predicted;
    }

    /** The summary without its wall-time column, which differs between any two runs. */
    private static List<String> summary(Path dir) throws IOException {
        return rows(dir.resolve("smoke/summary.csv")).stream()
                .map(r -> r.get("task") + " " + r.get("n") + " " + r.get("accuracy") + " " + r.get("verdict")
                        + " " + r.get("calls_per_example"))
                .toList();
    }
}
