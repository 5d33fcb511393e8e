package dev.diffprobe.harness.engine.internal;

import dev.diffprobe.harness.classify.ClassifierSettings;
import dev.diffprobe.harness.engine.DiffProbeSettings;
import dev.diffprobe.harness.shard.Shard;
import dev.diffprobe.harness.shard.ShardEnvironment;
import dev.diffprobe.harness.shard.ShardException;
import dev.diffprobe.harness.shard.ShardPlan;
import dev.diffprobe.models.ModelSettings;
import dev.diffprobe.tasks.data.DatasetCatalog;
import org.junit.platform.engine.ConfigurationParameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The engine's settings read once per discovery from {@link ConfigurationParameters} (see
 * {@link DiffProbeSettings} for each key). A value that cannot be used is kept as a problem
 * naming its key, so discovery can report it instead of throwing.
 */
public record EngineSettings(Optional<Set<String>> suites, Optional<String> model, Optional<String> baseline,
                             OptionalInt examples, OptionalLong seed, List<Path> data,
                             Map<String, String> classifier, double alpha,
                             double regressionAlpha, double maxFailedShare, Path output, ShardPlan shards, List<String> problems,
                             List<String> unknownKeys) {

    /** The classifier setting names a suite or {@code -D} may use; the seed is the suite's. */
    public static final Set<String> CLASSIFIER_KEYS = Set.of(ClassifierSettings.MODE,
            ClassifierSettings.MIN_SCORES, ClassifierSettings.MAX_SCORES, ClassifierSettings.CUTOFF_PVAL,
            ClassifierSettings.WEIGHTING, ClassifierSettings.WEIGHTING_K, ClassifierSettings.WEIGHTING_FILE,
            ClassifierSettings.STRATIFIED, ClassifierSettings.BATCH_SIZE, ClassifierSettings.WINDOW,
            ClassifierSettings.TEMPERATURE, ClassifierSettings.T_MIN);

    /** Where Debian's dataset packages (e.g. dataset-fashion-mnist) put their files. */
    static final Path DEBIAN_DATASETS = Path.of("/usr/share/datasets");

    /** The engine's own keys, and the models module's, which it reads from system properties. */
    private static final Set<String> ENGINE_KEYS = Set.of(DiffProbeSettings.ALPHA,
            DiffProbeSettings.REGRESSION_ALPHA, DiffProbeSettings.MAX_FAILED_SHARE, DiffProbeSettings.OUTPUT, ModelSettings.DEVICE,
            ModelSettings.MAX_BATCH, ModelSettings.THREADS, ModelSettings.CHECKPOINT_CACHE);

    public EngineSettings {
        suites = suites.map(s -> Set.copyOf(new TreeSet<>(s)));
        data = List.copyOf(data);
        classifier = Map.copyOf(classifier);
        problems = List.copyOf(problems);
        unknownKeys = List.copyOf(unknownKeys);
    }

    public static EngineSettings read(ConfigurationParameters parameters) {
        List<String> problems = new ArrayList<>();
        Optional<Set<String>> suites = parameters.get(DiffProbeSettings.SUITE).map(EngineSettings::names);
        Optional<String> model = text(parameters, DiffProbeSettings.MODEL);
        Optional<String> baseline = text(parameters, DiffProbeSettings.BASELINE);
        OptionalInt examples = text(parameters, DiffProbeSettings.EXAMPLES)
                .map(v -> positiveInt(DiffProbeSettings.EXAMPLES, v, problems)).orElse(OptionalInt.empty());
        OptionalLong seed = text(parameters, DiffProbeSettings.SEED)
                .map(v -> anyLong(DiffProbeSettings.SEED, v, problems)).orElse(OptionalLong.empty());
        List<Path> data = text(parameters, DiffProbeSettings.DATA).map(DatasetCatalog::roots)
                .orElseGet(EngineSettings::defaultData);
        if (parameters.get(DiffProbeSettings.DATA).isPresent()) {
            data.stream().filter(d -> !Files.isDirectory(d)).forEach(d -> problems.add("-D" + DiffProbeSettings.DATA
                    + ": " + d + " is not a directory (" + d.toAbsolutePath() + ")"));
        }
        double alpha = probability(parameters, DiffProbeSettings.ALPHA, DiffProbeSettings.DEFAULT_ALPHA, problems);
        double regressionAlpha = probability(parameters, DiffProbeSettings.REGRESSION_ALPHA,
                DiffProbeSettings.DEFAULT_REGRESSION_ALPHA, problems);
        double maxFailedShare = share(parameters, DiffProbeSettings.MAX_FAILED_SHARE,
                DiffProbeSettings.DEFAULT_MAX_FAILED_SHARE, problems);
        Path output = Path.of(text(parameters, DiffProbeSettings.OUTPUT).orElse(DiffProbeSettings.DEFAULT_OUTPUT));

        Map<String, String> classifier = new TreeMap<>();
        List<String> unknown = new ArrayList<>();
        for (String key : prefixedKeys(parameters)) {
            if (key.startsWith(DiffProbeSettings.CLASSIFIER_PREFIX)) {
                String name = key.substring(DiffProbeSettings.CLASSIFIER_PREFIX.length());
                if (CLASSIFIER_KEYS.contains(name)) {
                    parameters.get(key).ifPresent(v -> classifier.put(name, v.strip()));
                } else {
                    unknown.add(key);
                }
            } else if (!ENGINE_KEYS.contains(key)) {
                unknown.add(key);
            }
        }
        ShardPlan shards = shardPlan(parameters, problems);
        return new EngineSettings(suites, model, baseline, examples, seed, data,
                classifier, alpha, regressionAlpha, maxFailedShare, output, shards, problems, unknown);
    }

    /** Every known {@code diffprobe.} key, for the message about an unknown one. */
    public static List<String> knownPrefixedKeys() {
        Set<String> known = new TreeSet<>(ENGINE_KEYS);
        CLASSIFIER_KEYS.forEach(k -> known.add(DiffProbeSettings.CLASSIFIER_PREFIX + k));
        return List.copyOf(known);
    }

    /** Whether a scanned suite of this name is to run. */
    public boolean wants(String suiteName) {
        Set<String> wanted = suites.orElse(Set.of(DiffProbeSettings.DEFAULT_SUITE));
        return wanted.contains(DiffProbeSettings.ALL_SUITES) || wanted.contains(suiteName);
    }

    /** The suite names asked for (the default when none was given), {@code all} excepted. */
    public Set<String> wantedNames() {
        Set<String> wanted = new TreeSet<>(suites.orElse(Set.of(DiffProbeSettings.DEFAULT_SUITE)));
        wanted.remove(DiffProbeSettings.ALL_SUITES);
        return wanted;
    }

    private static ShardPlan shardPlan(ConfigurationParameters parameters, List<String> problems) {
        Optional<String> shard = text(parameters, DiffProbeSettings.SHARD);
        OptionalInt count = text(parameters, DiffProbeSettings.SHARD_COUNT)
                .map(v -> positiveInt(DiffProbeSettings.SHARD_COUNT, v, problems)).orElse(OptionalInt.empty());
        List<Path> merge = text(parameters, DiffProbeSettings.MERGE).map(v -> Arrays.stream(v.split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).map(Path::of).toList()).orElse(List.of());
        Optional<String> partialText = text(parameters, DiffProbeSettings.MERGE_PARTIAL);
        boolean partial = partialText.map(v -> v.equalsIgnoreCase("true")).orElse(false);
        if (partialText.isPresent() && !partialText.get().equalsIgnoreCase("true")
                && !partialText.get().equalsIgnoreCase("false")) {
            problems.add("-D" + DiffProbeSettings.MERGE_PARTIAL + "=" + partialText.get() + ": expected true or false");
        }
        try {
            if (!merge.isEmpty()) {
                // A merge job may run inside the array's allocation; only an explicit shard conflicts.
                return new ShardPlan(shard.map(Shard::parse), merge, partial);
            }
            return new ShardPlan(ShardEnvironment.resolve(shard, count, "-D" + DiffProbeSettings.SHARD_COUNT,
                    System.getenv()), merge, partial);
        } catch (ShardException e) {
            problems.add("-D" + DiffProbeSettings.SHARD + ": " + e.getMessage());
            return ShardPlan.whole();
        }
    }

    private static Set<String> names(String value) {
        Set<String> names = new LinkedHashSet<>();
        Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(names::add);
        return names;
    }

    private static Set<String> prefixedKeys(ConfigurationParameters parameters) {
        Set<String> keys = new TreeSet<>();
        parameters.keySet().stream().filter(k -> k.startsWith(DiffProbeSettings.PREFIX)).forEach(keys::add);
        // Configuration parameters fall back to system properties without listing them in keySet().
        System.getProperties().stringPropertyNames().stream()
                .filter(k -> k.startsWith(DiffProbeSettings.PREFIX)).forEach(keys::add);
        return keys;
    }

    private static Optional<String> text(ConfigurationParameters parameters, String key) {
        return parameters.get(key).map(String::strip).filter(s -> !s.isEmpty());
    }

    private static OptionalInt positiveInt(String key, String value, List<String> problems) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1) {
                return OptionalInt.of(n);
            }
        } catch (NumberFormatException e) {
            // reported below, with the same message as a value out of range
        }
        problems.add("-D" + key + "=" + value + ": expected a whole number from 1 to " + Integer.MAX_VALUE);
        return OptionalInt.empty();
    }

    private static OptionalLong anyLong(String key, String value, List<String> problems) {
        try {
            return OptionalLong.of(Long.parseLong(value));
        } catch (NumberFormatException e) {
            problems.add("-D" + key + "=" + value + ": expected a whole number");
            return OptionalLong.empty();
        }
    }

    private static double share(ConfigurationParameters parameters, String key, double fallback, List<String> problems) {
        Optional<String> value = text(parameters, key);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            double share = Double.parseDouble(value.get());
            if (share >= 0 && share <= 1) {
                return share;
            }
        } catch (NumberFormatException e) {
            // reported below, with the same message as a value out of range
        }
        problems.add("-D" + key + "=" + value.get() + ": expected a fraction in [0, 1] (0.05, not 5)");
        return fallback;
    }

    private static double probability(ConfigurationParameters parameters, String key, double fallback,
                                      List<String> problems) {
        Optional<String> value = text(parameters, key);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            double p = Double.parseDouble(value.get());
            if (p > 0 && p < 1) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below, with the same message as a value out of range
        }
        problems.add("-D" + key + "=" + value.get() + ": expected a probability strictly between 0 and 1");
        return fallback;
    }

    /** The shared datasets beside the project, then Debian's dataset packages; those present, else the first. */
    private static List<Path> defaultData() {
        List<Path> candidates = List.of(ProjectLayout.root().resolve(DatasetCatalog.DEFAULT_ROOT).normalize(),
                DEBIAN_DATASETS);
        List<Path> present = candidates.stream().filter(Files::isDirectory).toList();
        return present.isEmpty() ? candidates.subList(0, 1) : present;
    }
}
