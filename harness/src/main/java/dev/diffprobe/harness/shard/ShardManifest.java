package dev.diffprobe.harness.shard;

import dev.diffprobe.harness.run.RunSettings;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a shard ran a suite with, {@code <shard folder>/<suite>/shard.properties}: the shard and the
 * settings that decide which examples it ran and their results besides the checkpoint (whose
 * fingerprint every journal line carries). The merge compares it with its own settings.
 */
public record ShardManifest(Shard shard, long seed, OptionalInt examples, Map<String, String> classifier,
                            boolean baseline) {
    public static final String FILE_NAME = "shard.properties";

    private static final String SHARD = "shard";
    private static final String SEED = "seed";
    private static final String EXAMPLES = "examples";
    private static final String BASELINE = "baseline";
    private static final String CLASSIFIER = "classifier.";
    private static final String ALL = "all";

    public ShardManifest {
        classifier = Map.copyOf(new TreeMap<>(classifier));
    }

    public static ShardManifest of(Shard shard, RunSettings settings) {
        return new ShardManifest(shard, settings.seed(), settings.examples(), settings.classifier(),
                settings.baseline().isPresent());
    }

    /** Writes the manifest into a suite's folder, replacing it at once (a reader never sees half). */
    public Path write(Path suiteDir) {
        Properties p = new Properties();
        p.setProperty(SHARD, shard.toString());
        p.setProperty(SEED, Long.toString(seed));
        p.setProperty(EXAMPLES, examples.isPresent() ? Integer.toString(examples.getAsInt()) : ALL);
        p.setProperty(BASELINE, Boolean.toString(baseline));
        classifier.forEach((k, v) -> p.setProperty(CLASSIFIER + k, v));
        Path file = suiteDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(suiteDir);
            StringWriter text = new StringWriter();
            p.store(text, "DiffProbe shard: the settings its journals were made with");
            Path staging = Files.createTempFile(suiteDir, FILE_NAME, ".tmp");
            Files.writeString(staging, text.toString(), StandardCharsets.UTF_8);
            Files.move(staging, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ShardException("shard " + shard + ": cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    public static ShardManifest read(Path file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new ShardException(file + ": not a readable shard manifest: " + e.getMessage(), e);
        }
        try {
            Map<String, String> classifier = new TreeMap<>();
            for (String key : p.stringPropertyNames()) {
                if (key.startsWith(CLASSIFIER)) {
                    classifier.put(key.substring(CLASSIFIER.length()), p.getProperty(key));
                }
            }
            String examples = required(p, EXAMPLES, file);
            return new ShardManifest(Shard.parse(required(p, SHARD, file)), Long.parseLong(required(p, SEED, file)),
                    examples.equals(ALL) ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(examples)),
                    classifier, Boolean.parseBoolean(required(p, BASELINE, file)));
        } catch (NumberFormatException e) {
            throw new ShardException(file + ": not a readable shard manifest: " + e.getMessage(), e);
        }
    }

    private static String required(Properties p, String key, Path file) {
        String value = p.getProperty(key);
        if (value == null) {
            throw new ShardException(file + ": not a shard manifest: no '" + key + "'");
        }
        return value.strip();
    }

    /** How this shard's settings differ from the merge's, one phrase per difference; empty when alike. */
    public List<String> differences(RunSettings merge) {
        List<String> differences = new ArrayList<>();
        if (seed != merge.seed()) {
            differences.add("seed " + seed + ", the merge's " + merge.seed());
        }
        if (!examples.equals(merge.examples())) {
            differences.add("examples " + describe(examples) + ", the merge's " + describe(merge.examples()));
        }
        TreeSet<String> keys = new TreeSet<>(classifier.keySet());
        keys.addAll(merge.classifier().keySet());
        for (String key : keys) {
            String mine = classifier.get(key);
            String theirs = merge.classifier().get(key);
            if (mine == null || !mine.equals(theirs)) {
                differences.add("classifier setting " + key + " " + (mine == null ? "unset" : "= " + mine)
                        + ", the merge's " + (theirs == null ? "unset" : "= " + theirs));
            }
        }
        if (baseline != merge.baseline().isPresent()) {
            differences.add(baseline ? "ran with a baseline, the merge has none" : "ran without a baseline, the merge has one");
        }
        return differences;
    }

    private static String describe(OptionalInt examples) {
        return examples.isPresent() ? Integer.toString(examples.getAsInt()) : "all";
    }
}
