package dev.diffprobe.harness.run;

import dev.diffprobe.harness.classify.Classification;
import dev.diffprobe.tasks.Example;
import dev.diffprobe.tasks.Task;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A baseline read from an earlier run's results folder (its journals) instead of run again, so
 * that CI compares a checkpoint with the recorded one example by example without loading the
 * baseline checkpoint. The folder is a suite's output folder ({@code target/diffprobe/binding})
 * or the output root above it ({@code target/diffprobe}). The comparison is only fair on the
 * same examples, seed and classifier settings; anything else is a {@link RunException} naming
 * the difference, never a silently unfair verdict.
 */
public final class RecordedBaseline {
    private RecordedBaseline() {
    }

    /** Whether a baseline reference names a results folder rather than a checkpoint directory. */
    public static boolean isRecorded(Path baseline) {
        return Files.isDirectory(baseline) && !Files.isRegularFile(baseline.resolve("model.yaml"));
    }

    /**
     * Whether a folder holds journals, directly or in a suite folder below it: what discovery
     * accepts as a recorded baseline.
     */
    public static boolean holdsJournals(Path folder) {
        try (Stream<Path> files = Files.walk(folder, 2)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".csv") && Files.isRegularFile(f));
        } catch (IOException e) {
            return false;
        }
    }

    /** The recorded journal of a task: in the suite's folder below {@code folder}, else in {@code folder}. */
    static Path journal(Path folder, String suite, Task task) {
        Path suiteFolder = folder.resolve(FileNames.of(suite));
        Path dir = Files.isDirectory(suiteFolder) ? suiteFolder : folder;
        return dir.resolve(FileNames.of(task.name()) + ".csv");
    }

    /**
     * The recorded results of {@code examples}, checked against this run's settings.
     *
     * @param ownJournal the journal this run writes for the task, which a baseline must not be
     */
    static TaskOutcome read(Path folder, String suite, Task task, List<Example> examples, RunSettings settings,
                            Path ownJournal) {
        Path file = journal(folder, suite, task);
        String what = "task " + task.name() + ": the recorded baseline " + file;
        if (file.toAbsolutePath().normalize().equals(ownJournal.toAbsolutePath().normalize())) {
            throw new RunException(what + " is the journal this run writes; copy the baseline's results folder"
                    + " elsewhere, or write this run elsewhere (-Ddiffprobe.output)");
        }
        if (!Files.isRegularFile(file)) {
            throw new RunException(what + " does not exist: the folder " + folder + " holds no journal of this task"
                    + " (was the baseline run on another suite, or with a -Dgroups filter?)");
        }
        List<JournalRow> rows = JournalReader.read(file).rows();
        if (rows.isEmpty()) {
            throw new RunException(what + " holds no finished example");
        }
        JournalRow first = rows.get(0);
        for (JournalRow row : rows) {
            if (row.seed() != settings.seed()) {
                throw new RunException(String.format("%s was made at seed %d (line %d), this run uses seed %d: other"
                        + " seeds draw other examples and noise; rerun the baseline at seed %d or this run with"
                        + " -Dseed=%d", what, row.seed(), row.line(), settings.seed(), settings.seed(), row.seed()));
            }
            if (!row.settingsHash().equals(first.settingsHash())) {
                throw new RunException(what + " mixes classifier settings (lines " + first.line() + " and "
                        + row.line() + " differ); it is not one run");
            }
        }
        String expected = Journal.settingsHash(settings, first.checkpointFingerprint());
        if (!first.settingsHash().equals(expected)) {
            throw new RunException(what + " was made with other classifier settings than this run's ("
                    + settings.classifier().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(", ")) + "): its settings hash is " + first.settingsHash()
                    + ", this run's would be " + expected + " on the same checkpoint; rerun the baseline with"
                    + " these settings");
        }
        Map<String, JournalRow> byId = new HashMap<>();
        rows.forEach(row -> byId.putIfAbsent(row.exampleId(), row));
        List<Classification> results = new ArrayList<>(examples.size());
        List<String> missing = new ArrayList<>();
        for (Example example : examples) {
            JournalRow row = byId.get(example.id());
            if (row == null) {
                missing.add(example.id());
                continue;
            }
            if (!row.exampleDigest().equals(Journal.exampleDigest(example))) {
                throw new RunException(what + " recorded other examples: example " + example.id() + " (line "
                        + row.line() + ") has another label or other prompts than this run's");
            }
            results.add(row.toClassification());
        }
        if (!missing.isEmpty()) {
            throw new RunException(String.format("%s lacks %d of this run's %d examples (first: %s); it recorded %d:"
                    + " record the baseline with at least as many examples per task", what, missing.size(),
                    examples.size(), missing.get(0), rows.size()));
        }
        String fingerprint = first.checkpointFingerprint();
        String name = "recorded " + fingerprint.substring(0, Math.min(12, fingerprint.length()));
        return new TaskOutcome(suite, task, folder, name, fingerprint, "recorded", settings.classifier(), settings,
                results, results.size(), Duration.ZERO, file, Optional.empty());
    }
}
