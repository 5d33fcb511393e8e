package dev.diffprobe.harness.shard;

import dev.diffprobe.harness.run.ClassifierSource;
import dev.diffprobe.harness.run.JournalException;
import dev.diffprobe.harness.run.JournalReader;
import dev.diffprobe.harness.run.JournalRow;
import dev.diffprobe.harness.run.Journals;
import dev.diffprobe.harness.run.LoadedCheckpoint;
import dev.diffprobe.harness.run.RunSettings;
import dev.diffprobe.tasks.Example;
import dev.diffprobe.tasks.Task;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The shards of one suite, checked as a set, and the merge of their task journals (see the
 * package documentation). Every problem is a {@link ShardException} naming the shard and what
 * differs; with {@code partial}, missing shards and examples are merged around and listed in
 * {@link Merged#missing()} instead.
 */
public final class ShardMerge {
    /** Ids listed in a message about missing examples before "and N more". */
    private static final int IDS_SHOWN = 5;

    private final String suite;
    private final ClassifierSource checkpoints;
    private final Map<Path, LoadedCheckpoint> described = new HashMap<>();
    private final String suiteFolder;
    private final RunSettings settings;
    private final boolean partial;
    private final int count;
    private final Map<Integer, Path> shards;
    private final List<String> missingShards;

    private ShardMerge(String suite, ClassifierSource checkpoints, String suiteFolder, RunSettings settings,
                       boolean partial, int count, Map<Integer, Path> shards, List<String> missingShards) {
        this.suite = suite;
        this.checkpoints = checkpoints;
        this.suiteFolder = suiteFolder;
        this.settings = settings;
        this.partial = partial;
        this.count = count;
        this.shards = shards;
        this.missingShards = List.copyOf(missingShards);
    }

    /**
     * Finds the shards of a suite under {@code roots} (each a shard folder {@code shard-<i>-of-<n>}
     * or a folder holding such folders) and checks them against the merge's settings.
     *
     * @param checkpoints tells the fingerprints the journals' lines must carry
     * @param suiteFolder the suite's folder name inside a shard folder
     */
    public static ShardMerge open(List<Path> roots, String suite, ClassifierSource checkpoints, String suiteFolder,
                                  RunSettings settings, boolean partial) {
        List<Map.Entry<Path, Shard>> folders = new ArrayList<>();
        for (Path root : roots) {
            folders.addAll(shardFolders(root).entrySet());
        }
        Map<Integer, Path> byIndex = new TreeMap<>();
        Map<Integer, ShardManifest> manifests = new TreeMap<>();
        List<String> notRun = new ArrayList<>();
        Integer count = null;
        Path countSource = null;
        for (Map.Entry<Path, Shard> entry : folders) {
            Path folder = entry.getKey();
            Path manifestFile = folder.resolve(suiteFolder).resolve(ShardManifest.FILE_NAME);
            if (!Files.isRegularFile(manifestFile)) {
                notRun.add(entry.getValue() + " (" + folder + " has not run suite " + suite + ": no "
                        + suiteFolder + "/" + ShardManifest.FILE_NAME + ")");
                continue;
            }
            ShardManifest manifest = ShardManifest.read(manifestFile);
            if (!manifest.shard().equals(entry.getValue())) {
                throw new ShardException("shard folder " + folder + " is named for shard " + entry.getValue()
                        + " but its " + ShardManifest.FILE_NAME + " says shard " + manifest.shard());
            }
            if (count != null && count != manifest.shard().count()) {
                throw new ShardException("shard " + manifest.shard() + " (" + folder + ") is one of "
                        + manifest.shard().count() + " shards, but " + countSource + " is one of " + count
                        + ": shards of different partitions cannot be merged");
            }
            count = manifest.shard().count();
            countSource = folder;
            Path other = byIndex.putIfAbsent(manifest.shard().index(), folder);
            if (other != null) {
                throw new ShardException("shard " + manifest.shard() + " is listed twice: " + other + " and " + folder
                        + "; give each shard once");
            }
            List<String> differences = manifest.differences(settings);
            if (!differences.isEmpty()) {
                throw new ShardException("shard " + manifest.shard() + " (" + folder + ") was run with other settings"
                        + " than this merge: " + String.join("; ", differences));
            }
            manifests.put(manifest.shard().index(), manifest);
        }
        if (count == null) {
            throw new ShardException("no shard has run suite " + suite + " under " + roots
                    + (notRun.isEmpty() ? "" : ": " + String.join(", ", notRun)));
        }
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (!byIndex.containsKey(i)) {
                missing.add("shard " + new Shard(i, count));
            }
        }
        if (!missing.isEmpty() && !partial) {
            throw new ShardException("suite " + suite + ": " + String.join(", ", missing) + " missing under "
                    + roots + (notRun.isEmpty() ? "" : " (" + String.join(", ", notRun) + ")")
                    + "; run them, or merge what is there with -Dmerge.partial=true");
        }
        return new ShardMerge(suite, checkpoints, suiteFolder, settings, partial, count, byIndex, missing);
    }

    /** The shard count. */
    public int count() {
        return count;
    }

    /** The shards absent from this merge (partial merges only). */
    public List<String> missingShards() {
        return missingShards;
    }

    /** One journal to merge: its path in the merge's output and the checkpoint its lines must come from. */
    public record Target(Path journal, Path checkpoint) {
    }

    /**
     * A task's merge: the task restricted to the examples every target journal holds (all of them
     * unless partial) and, for a partial merge, what is missing.
     */
    public record Merged(Task task, List<String> missing) {
        public Merged {
            missing = List.copyOf(missing);
        }
    }

    /** Merges each target journal of a task from the shards' journals of the same name. */
    public Merged merge(Task task, List<Target> targets) {
        List<Example> examples = capped(task);
        Map<String, Integer> owners = Shard.owners(examples, count);
        Set<String> present = examples.stream().map(Example::id).collect(Collectors.toCollection(HashSet::new));
        List<String> missing = new ArrayList<>();
        for (Target target : targets) {
            Set<String> found = mergeOne(task, examples, owners, target, missing);
            present.retainAll(found);
        }
        List<Example> merged = examples.stream().filter(e -> present.contains(e.id())).toList();
        if (merged.isEmpty()) {
            throw new ShardException("suite " + suite + ", task " + task.name()
                    + ": no shard has finished any of its examples" + (missing.isEmpty() ? "" : " (" + missing + ")"));
        }
        return new Merged(new Task(task.name(), task.description(), merged, task.chance()), missing);
    }

    private Set<String> mergeOne(Task task, List<Example> examples, Map<String, Integer> owners, Target target,
                                 List<String> missing) {
        String fileName = target.journal().getFileName().toString();
        LoadedCheckpoint checkpoint = describe(target.checkpoint());
        Map<String, String> lines = new HashMap<>();
        String header = null;
        List<String> absentJournals = new ArrayList<>();
        for (Map.Entry<Integer, Path> shard : shards.entrySet()) {
            Shard id = new Shard(shard.getKey(), count);
            Path file = shard.getValue().resolve(suiteFolder).resolve(fileName);
            if (!Files.isRegularFile(file)) {
                absentJournals.add("shard " + id + " has no " + suiteFolder + "/" + fileName);
                continue;
            }
            JournalReader.Contents contents = JournalReader.read(file);
            String[] raw = rawLines(file, contents.validLength());
            if (raw.length > 0) {
                header = raw[0];
            }
            for (JournalRow row : contents.rows()) {
                check(task, checkpoint, owners, id, file, row);
                lines.putIfAbsent(row.exampleId(), raw[(int) row.line() - 1]);
            }
        }
        List<String> unfinished = examples.stream().map(Example::id).filter(e -> !lines.containsKey(e)).toList();
        if (!unfinished.isEmpty()) {
            String what = "task " + task.name() + " (" + fileName + "): " + unfinished.size() + " of "
                    + examples.size() + " examples in no shard's journal (" + describeIds(unfinished, owners) + ")"
                    + (absentJournals.isEmpty() ? "" : "; " + String.join(", ", absentJournals))
                    + (missingShards.isEmpty() ? "" : "; missing: " + String.join(", ", missingShards));
            if (!partial) {
                throw new ShardException("suite " + suite + ", " + what
                        + "; rerun those shards (they resume), or merge what is there with -Dmerge.partial=true");
            }
            missing.add(what);
        }
        if (header != null) {
            write(target.journal(), header, examples, lines, settings.lockWait());
        }
        return lines.keySet();
    }

    private LoadedCheckpoint describe(Path checkpoint) {
        LoadedCheckpoint known = described.get(checkpoint);
        if (known == null) {
            try {
                known = checkpoints.describe(checkpoint, settings);
            } catch (IOException | RuntimeException e) {
                throw new ShardException("merge: cannot read checkpoint " + checkpoint + ": " + e.getMessage(), e);
            }
            described.put(checkpoint, known);
        }
        return known;
    }

    private void check(Task task, LoadedCheckpoint checkpoint, Map<String, Integer> owners, Shard shard, Path file,
                       JournalRow row) {
        String where = "shard " + shard + " (" + file + ", line " + row.line() + ")";
        if (!row.checkpointFingerprint().equals(checkpoint.fingerprint())) {
            throw new ShardException(where + " ran on a checkpoint with fingerprint " + row.checkpointFingerprint()
                    + ", but this merge's checkpoint " + checkpoint.name() + " has fingerprint "
                    + checkpoint.fingerprint());
        }
        if (row.seed() != settings.seed()) {
            throw new ShardException(where + " ran with seed " + row.seed() + ", this merge's is " + settings.seed());
        }
        Integer owner = owners.get(row.exampleId());
        if (owner == null) {
            throw new ShardException(where + ": example " + row.exampleId() + " is not among task " + task.name()
                    + "'s examples of this merge (another examples cap or task definition?)");
        }
        if (owner != shard.index()) {
            throw new ShardException(where + ": example " + row.exampleId() + " belongs to shard "
                    + new Shard(owner, count) + ", not to this one (another partition?)");
        }
    }

    private static String describeIds(List<String> ids, Map<String, Integer> owners) {
        Map<Integer, Long> perShard = new TreeMap<>(ids.stream().collect(Collectors.groupingBy(owners::get,
                Collectors.counting())));
        String shown = ids.stream().limit(IDS_SHOWN).collect(Collectors.joining(", "));
        return "by shard " + perShard + ": " + shown + (ids.size() > IDS_SHOWN ? " and " + (ids.size() - IDS_SHOWN)
                + " more" : "");
    }

    /** The file's complete lines, without their newlines; a record is one physical line. */
    private static String[] rawLines(Path file, long validLength) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            String text = new String(bytes, 0, (int) Math.min(validLength, bytes.length), StandardCharsets.UTF_8);
            return text.isEmpty() ? new String[0] : text.split("\n", -1);
        } catch (IOException e) {
            throw new JournalException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Writes the merged journal in the task's order, replacing the file at once; a journal there
     * with results the merge lacks (an earlier run with other settings) is kept aside, not lost.
     */
    private static void write(Path journal, String header, List<Example> examples, Map<String, String> lines,
                              Duration lockWait) {
        StringBuilder text = new StringBuilder(header).append('\n');
        for (Example example : examples) {
            String line = lines.get(example.id());
            if (line != null) {
                text.append(line).append('\n');
            }
        }
        Journals.replace(journal, text.toString(), lockWait, System.err);
    }

    private List<Example> capped(Task task) {
        List<Example> all = task.examples();
        return all.subList(0, Math.min(settings.examples().orElse(all.size()), all.size()));
    }

    private static Map<Path, Shard> shardFolders(Path root) {
        if (!Files.isDirectory(root)) {
            throw new ShardException("merge: " + root + " is not a directory (" + root.toAbsolutePath() + ")");
        }
        Map<Path, Shard> folders = new LinkedHashMap<>();
        Shard.ofFolderName(root.getFileName() == null ? "" : root.getFileName().toString())
                .ifPresent(s -> folders.put(root, s));
        if (folders.isEmpty()) {
            try (Stream<Path> children = Files.list(root)) {
                children.filter(Files::isDirectory).sorted().forEach(child -> Shard.ofFolderName(
                        child.getFileName().toString()).ifPresent(s -> folders.put(child, s)));
            } catch (IOException e) {
                throw new ShardException("merge: cannot list " + root + ": " + e.getMessage(), e);
            }
        }
        if (folders.isEmpty()) {
            throw new ShardException("merge: " + root + " holds no shard folders (shard-<i>-of-<n>)");
        }
        return folders;
    }
}
