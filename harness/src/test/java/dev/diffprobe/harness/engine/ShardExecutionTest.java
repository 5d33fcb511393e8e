package dev.diffprobe.harness.engine;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathResource;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

/**
 * A suite run as shards and merged gives what one unsharded run gives: the same journal rows,
 * summary figures and verdicts; shards that do not belong together fail the merge by name.
 */
class ShardExecutionTest {
    private static final String SHAPE = "smoke/Shape.csv";

    @TempDir
    Path out;

    @Test
    void fourShardsMergedEqualOneUnshardedRun() throws IOException {
        Path whole = out.resolve("whole");
        EngineExecutionResults unsharded = run(FakeClassifiers.mixed(), Map.of("diffprobe.output", whole.toString()));

        Path shards = out.resolve("shards");
        List<String> classified = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            FakeClassifiers shard = FakeClassifiers.mixed();
            EngineExecutionResults results = run(shard, Map.of("diffprobe.output", shards.toString(), "shard", i + "/4"));
            results.testEvents().assertStatistics(stats -> stats.started(0).skipped(3));
            assertThat(shard.classified).as("shard %d of 8 + 6 examples, balanced", i).hasSize(2 + 2 - (i < 2 ? 0 : 1));
            classified.addAll(shard.classified);
        }
        assertThat(classified).doesNotHaveDuplicates().hasSize(8 + 6);
        assertThat(shards.resolve("smoke")).doesNotExist();

        Path merged = out.resolve("merged");
        FakeClassifiers merge = FakeClassifiers.mixed();
        EngineExecutionResults results = run(merge, Map.of("diffprobe.output", merged.toString(),
                "merge", shards.toString()));

        assertThat(merge.classified).isEmpty();
        assertThat(verdicts(results)).isEqualTo(verdicts(unsharded)).hasSize(3);
        for (String journal : List.of(SHAPE, "smoke/ColorShape.csv")) {
            assertThat(Files.readAllLines(merged.resolve(journal))).as(journal)
                    .isEqualTo(Files.readAllLines(whole.resolve(journal)));
        }
        assertThat(summary(merged)).isEqualTo(summary(whole));
        assertThat(merged.resolve("smoke/summary.md")).exists();
        assertThat(merged.resolve("smoke/Shape.summary.md")).exists();
    }

    @Test
    void aRerunShardResumesFromItsJournal() {
        Path shards = out.resolve("shards");
        run(FakeClassifiers.mixedKilledAfter(1), Map.of("diffprobe.output", shards.toString(), "shard", "0/2"));
        FakeClassifiers rerun = FakeClassifiers.mixed();

        run(rerun, Map.of("diffprobe.output", shards.toString(), "shard", "0/2"));

        assertThat(rerun.classified).hasSize(4 + 3 - 1);
    }

    @Test
    void aMissingShardFailsTheSuiteNamingItAndAPartialMergeSaysWhatIsMissing() {
        Path shards = runShards(3, Map.of());
        deleteTree(shards.resolve("shard-1-of-3"));

        EngineExecutionResults strict = run(FakeClassifiers.mixed(), Map.of("diffprobe.output",
                out.resolve("m").toString(), "merge", shards.toString()));
        assertThat(suiteFailure(strict)).contains("shard 1/3 missing").contains("-Dmerge.partial=true");
        strict.testEvents().assertStatistics(stats -> stats.started(0));

        EngineExecutionResults partial = run(FakeClassifiers.mixed(), Map.of("diffprobe.output",
                out.resolve("p").toString(), "merge", shards.toString(), "merge.partial", "true"));
        partial.testEvents().assertStatistics(stats -> stats.started(3));
        List<String> entries = partial.allEvents().reportingEntryPublished().stream()
                .map(e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs().get("partial merge"))
                .filter(v -> v != null).toList();
        assertThat(entries).hasSize(2).allSatisfy(m -> assertThat(m).contains("missing: shard 1/3"));
        assertThat(entries).anySatisfy(m -> assertThat(m).startsWith("task Shape (Shape.csv): 3 of 8 examples"));
    }

    @Test
    void aShardGivenTwiceFailsTheMerge() throws IOException {
        Path shards = runShards(2, Map.of());
        Path copy = out.resolve("copy/shard-1-of-2");
        copyTree(shards.resolve("shard-1-of-2"), copy);

        EngineExecutionResults results = run(FakeClassifiers.mixed(), Map.of("diffprobe.output",
                out.resolve("m").toString(), "merge", shards + "," + copy));

        assertThat(suiteFailure(results)).contains("shard 1/2 is listed twice").contains(copy.toString());
    }

    @Test
    void shardsOfAnotherSeedOrClassifierSettingFailTheMergeNamingTheDifference() {
        Path seed = runShards(2, Map.of());
        run(FakeClassifiers.mixed(), Map.of("diffprobe.output", seed.toString(), "shard", "1/2", "seed", "12"));
        assertThat(suiteFailure(run(FakeClassifiers.mixed(), Map.of("diffprobe.output", out.resolve("m").toString(),
                "merge", seed.toString())))).contains("shard 1/2").contains("seed 12, the merge's 11");

        Path setting = out.resolve("setting");
        runShards(setting, 2, Map.of());
        run(FakeClassifiers.mixed(), Map.of("diffprobe.output", setting.toString(), "shard", "0/2",
                "diffprobe.classifier.maxScores", "6"));
        assertThat(suiteFailure(run(FakeClassifiers.mixed(), Map.of("diffprobe.output", out.resolve("n").toString(),
                "merge", setting.toString())))).contains("shard 0/2")
                .contains("classifier setting maxScores = 6, the merge's = 4");
    }

    @Test
    void shardsOfAnotherCheckpointFailTheMergeNamingTheFingerprints() {
        Path shards = runShards(2, Map.of("model", "src/test/resources/checkpoints/fake-baseline"));

        String failure = taskFailure(run(FakeClassifiers.mixed(), Map.of("diffprobe.output",
                out.resolve("m").toString(), "merge", shards.toString())));

        assertThat(failure).contains("shard 0/2").contains("fingerprint fingerprint-fake-baseline")
                .contains("fingerprint fingerprint-fake");
    }

    @Test
    void aBaselineIsShardedAndMergedLikeTheCheckpoint() throws IOException {
        Map<String, String> baseline = Map.of("baseline", "src/test/resources/checkpoints/fake-baseline");
        Path whole = out.resolve("whole");
        Map<String, String> wholeSettings = new TreeMap<>(baseline);
        wholeSettings.put("diffprobe.output", whole.toString());
        EngineExecutionResults unsharded = run(FakeClassifiers.worseThanBaseline(), wholeSettings);
        Path shards = out.resolve("shards");
        for (int i = 0; i < 2; i++) {
            Map<String, String> settings = new TreeMap<>(baseline);
            settings.putAll(Map.of("diffprobe.output", shards.toString(), "shard", i + "/2"));
            run(FakeClassifiers.worseThanBaseline(), settings);
        }
        Map<String, String> mergeSettings = new TreeMap<>(baseline);
        mergeSettings.putAll(Map.of("diffprobe.output", out.resolve("m").toString(), "merge", shards.toString()));

        EngineExecutionResults merged = run(FakeClassifiers.worseThanBaseline(), mergeSettings);

        assertThat(verdicts(merged)).isEqualTo(verdicts(unsharded)).hasSize(5);
        assertThat(Files.readAllLines(out.resolve("m/smoke/Shape.baseline.csv")))
                .isEqualTo(Files.readAllLines(whole.resolve("smoke/Shape.baseline.csv")));
    }

    @Test
    void aRecordedBaselineIsReadByShardsAndMergeAlike() {
        Path recorded = out.resolve("recorded");
        run(FakeClassifiers.perfect(), Map.of("diffprobe.output", recorded.toString()));
        Map<String, String> baseline = Map.of("baseline", recorded.resolve("smoke").toString());
        Map<String, String> wholeSettings = new TreeMap<>(baseline);
        wholeSettings.put("diffprobe.output", out.resolve("whole").toString());
        EngineExecutionResults unsharded = run(FakeClassifiers.mixed(), wholeSettings);
        Path shards = runShards(2, baseline);
        Map<String, String> mergeSettings = new TreeMap<>(baseline);
        mergeSettings.putAll(Map.of("diffprobe.output", out.resolve("m").toString(), "merge", shards.toString()));

        EngineExecutionResults merged = run(FakeClassifiers.mixed(), mergeSettings);

        assertThat(verdicts(merged)).isEqualTo(verdicts(unsharded)).hasSize(5)
                .anySatisfy(v -> assertThat(v).contains("no regression vs baseline"));
    }

    private Path runShards(int count, Map<String, String> settings) {
        return runShards(out.resolve("shards"), count, settings);
    }

    private Path runShards(Path dir, int count, Map<String, String> settings) {
        for (int i = 0; i < count; i++) {
            Map<String, String> all = new TreeMap<>(settings);
            all.put("diffprobe.output", dir.toString());
            all.put("shard", i + "/" + count);
            run(FakeClassifiers.mixed(), all);
        }
        return dir;
    }

    private EngineExecutionResults run(FakeClassifiers classifiers, Map<String, String> settings) {
        return EngineTestKit.engine(new DiffProbeEngine(classifiers)).configurationParameters(settings)
                .selectors(selectClasspathResource("probes/smoke.yaml")).execute();
    }

    /** Each verdict's name, outcome and message, in order. */
    private static List<String> verdicts(EngineExecutionResults results) {
        return results.testEvents().finished().stream().map(ShardExecutionTest::describe).toList();
    }

    private static String describe(Event event) {
        TestExecutionResult result = event.getRequiredPayload(TestExecutionResult.class);
        return event.getTestDescriptor().getDisplayName() + " " + result.getStatus() + " "
                + result.getThrowable().map(Throwable::getMessage).orElse("");
    }

    private static String suiteFailure(EngineExecutionResults results) {
        return failureOf(results, "smoke");
    }

    private static String taskFailure(EngineExecutionResults results) {
        return failureOf(results, "Shape");
    }

    private static String failureOf(EngineExecutionResults results, String name) {
        results.containerEvents().assertThatEvents().haveExactly(1, event(displayName(name),
                finishedWithFailure(message(m -> true))));
        return results.containerEvents().failed().stream().filter(e -> e.getTestDescriptor().getDisplayName().equals(name))
                .findFirst().orElseThrow().getRequiredPayload(TestExecutionResult.class).getThrowable()
                .orElseThrow().getMessage();
    }

    /** The summary without its wall-time column, which differs between any two runs. */
    private static List<String> summary(Path dir) throws IOException {
        try (Reader in = Files.newBufferedReader(dir.resolve("smoke/summary.csv"))) {
            List<String> rows = new ArrayList<>();
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                Map<String, String> cells = new TreeMap<>(r.toMap());
                cells.remove("wall_s");
                rows.add(cells.toString());
            }
            return rows;
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

}
