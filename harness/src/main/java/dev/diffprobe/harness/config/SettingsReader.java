package dev.diffprobe.harness.config;

import dev.diffprobe.harness.shard.Shard;
import dev.diffprobe.harness.shard.ShardEnvironment;
import dev.diffprobe.harness.shard.ShardException;
import dev.diffprobe.harness.shard.ShardPlan;
import dev.diffprobe.models.ModelSettings;
import dev.diffprobe.tasks.data.DatasetCatalog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Reads every key of {@link DiffProbeSettings} from one source, collecting each unusable value as
 * a problem instead of stopping at the first, and each key that looks misspelt as a warning.
 */
final class SettingsReader {
    /** Where Debian's dataset packages (e.g. dataset-fashion-mnist) put their files. */
    static final Path DEBIAN_DATASETS = Path.of("/usr/share/datasets");

    /** What a count setting takes; a larger number would overflow later, so the range is said. */
    private static final String COUNT = "a whole number from 1 to " + Integer.MAX_VALUE;

    private static final Set<String> SUREFIRE_KEYS = Set.of(DiffProbeSettings.GROUPS, DiffProbeSettings.EXCLUDED_GROUPS);

    private final SettingSource source;
    private final List<String> problems = new ArrayList<>();
    private final Set<String> blanks = new TreeSet<>();

    SettingsReader(SettingSource source) {
        this.source = source;
    }

    Settings read() {
        Optional<Set<String>> suites = source.get(DiffProbeSettings.SUITE).map(SettingsReader::names);
        Optional<String> model = text(DiffProbeSettings.MODEL);
        Optional<String> baseline = text(DiffProbeSettings.BASELINE);
        OptionalInt examples = text(DiffProbeSettings.EXAMPLES)
                .map(v -> OptionalInt.of(parse(DiffProbeSettings.EXAMPLES, v, Integer::parseInt, 1, COUNT)))
                .orElse(OptionalInt.empty());
        OptionalLong seed = text(DiffProbeSettings.SEED)
                .map(v -> OptionalLong.of(parse(DiffProbeSettings.SEED, v, Long::parseLong, Long.MIN_VALUE, "a whole number")))
                .orElse(OptionalLong.empty());
        List<Path> data = text(DiffProbeSettings.DATA).map(DatasetCatalog::roots).orElseGet(SettingsReader::defaultData);
        if (text(DiffProbeSettings.DATA).isPresent()) {
            data.stream().filter(d -> !Files.isDirectory(d)).forEach(d -> problems.add("-D" + DiffProbeSettings.DATA
                    + ": " + d + " is not a directory (" + d.toAbsolutePath() + ")"));
        }
        boolean download = flag(DiffProbeSettings.DOWNLOAD);
        double alpha = probability(DiffProbeSettings.ALPHA).orElse(DiffProbeSettings.DEFAULT_ALPHA);
        double regressionAlpha = probability(DiffProbeSettings.REGRESSION_ALPHA)
                .orElse(DiffProbeSettings.DEFAULT_REGRESSION_ALPHA);
        double maxFailedShare = share(DiffProbeSettings.MAX_FAILED_SHARE).orElse(DiffProbeSettings.DEFAULT_MAX_FAILED_SHARE);
        Duration lockWait = Duration.ofSeconds(text(DiffProbeSettings.LOCK_WAIT).map(v -> parse(DiffProbeSettings.LOCK_WAIT,
                v, Long::parseLong, 0L, "a whole number of seconds, at least 0")).orElse(DiffProbeSettings.DEFAULT_LOCK_WAIT_SECONDS));
        Path output = Path.of(text(DiffProbeSettings.OUTPUT).orElse(DiffProbeSettings.DEFAULT_OUTPUT));
        ShardPlan shards = shardPlan();
        Map<String, String> classifier = classifier();
        ModelSettings models = models();
        OptionalInt workers = text(DiffProbeSettings.WORKERS).map(v -> OptionalInt.of(workers(v))).orElse(OptionalInt.empty());
        ReportSettings reports = new ReportSettings(probability(DiffProbeSettings.CALIBRATION_FIT),
                text(DiffProbeSettings.TRACE_PLOTS).map(v -> parse(DiffProbeSettings.TRACE_PLOTS, v, Integer::parseInt,
                        0, "a whole number of at least 0")).orElse(DiffProbeSettings.DEFAULT_TRACE_PLOTS),
                text(DiffProbeSettings.ALLURE_RESULTS).map(Path::of));
        return new Settings(suites, model, baseline, examples, seed, data, download, classifier, alpha, regressionAlpha,
                maxFailedShare, lockWait, output, shards, new TagSelection(text(DiffProbeSettings.GROUPS),
                text(DiffProbeSettings.EXCLUDED_GROUPS)), models, workers, reports, problems, warnings());
    }

    private ShardPlan shardPlan() {
        Optional<String> shard = text(DiffProbeSettings.SHARD);
        OptionalInt count = text(DiffProbeSettings.SHARD_COUNT).map(v -> OptionalInt.of(parse(DiffProbeSettings.SHARD_COUNT,
                v, Integer::parseInt, 1, COUNT))).orElse(OptionalInt.empty());
        List<Path> merge = text(DiffProbeSettings.MERGE).map(v -> Arrays.stream(v.split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).map(Path::of).toList()).orElse(List.of());
        boolean partial = flag(DiffProbeSettings.MERGE_PARTIAL);
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

    /** A true/false setting, false when absent; any other value is a problem. */
    private boolean flag(String key) {
        Optional<String> value = text(key);
        if (value.isPresent() && !value.get().equalsIgnoreCase("true") && !value.get().equalsIgnoreCase("false")) {
            problems.add("-D" + key + "=" + value.get() + ": expected true or false");
        }
        return value.map(v -> v.equalsIgnoreCase("true")).orElse(false);
    }

    private ModelSettings models() {
        ModelSettings defaults = ModelSettings.defaults();
        ModelSettings.DeviceChoice device = text(DiffProbeSettings.DEVICE).map(v -> ModelSettings.DeviceChoice.parse(v)
                .orElseGet(() -> {
                    problems.add("-D" + DiffProbeSettings.DEVICE + "=" + v + ": expected auto, cpu or gpu");
                    return defaults.device();
                })).orElse(defaults.device());
        int maxBatch = text(DiffProbeSettings.MAX_BATCH).map(v -> parse(DiffProbeSettings.MAX_BATCH, v, Integer::parseInt,
                1, COUNT)).orElse(defaults.maxBatch());
        OptionalInt threads = text(DiffProbeSettings.THREADS).map(v -> OptionalInt.of(parse(DiffProbeSettings.THREADS, v,
                Integer::parseInt, 1, COUNT))).orElse(OptionalInt.empty());
        Path cache = text(DiffProbeSettings.CHECKPOINT_CACHE).map(Path::of).orElse(defaults.checkpointCache());
        if (Files.exists(cache) && !Files.isDirectory(cache)) {
            problems.add("-D" + DiffProbeSettings.CHECKPOINT_CACHE + "=" + cache + ": exists and is not a directory");
        }
        return new ModelSettings(device, maxBatch, threads, cache);
    }

    /** The {@code diffprobe.classifier.*} values by name; every other unknown prefixed key is a problem. */
    private Map<String, String> classifier() {
        Map<String, String> classifier = new TreeMap<>();
        for (String key : source.keys()) {
            boolean ours = key.startsWith(DiffProbeSettings.PREFIX) || key.startsWith(DiffProbeSettings.REPORTS_PREFIX);
            if (!ours || DiffProbeSettings.PREFIXED_KEYS.contains(key)) {
                continue;
            }
            String name = key.startsWith(DiffProbeSettings.CLASSIFIER_PREFIX)
                    ? key.substring(DiffProbeSettings.CLASSIFIER_PREFIX.length()) : null;
            if (name != null && Settings.CLASSIFIER_KEYS.contains(name)) {
                source.get(key).ifPresent(v -> classifier.put(name, v.strip()));
            } else {
                List<String> known = Settings.knownPrefixedKeys();
                problems.add("unknown setting '" + key + "'"
                        + Misspellings.closest(key, known).map(k -> " (did you mean '" + k + "'?)").orElse("")
                        + "; known " + DiffProbeSettings.PREFIX + "* and " + DiffProbeSettings.REPORTS_PREFIX
                        + "* settings: " + String.join(", ", known));
            }
        }
        return classifier;
    }

    /** Keys outside our prefixes that are close to a known key: a typo would otherwise run on defaults. */
    private List<String> warnings() {
        Set<String> known = new TreeSet<>(DiffProbeSettings.SHORT_KEYS);
        known.addAll(Settings.knownPrefixedKeys());
        List<String> warnings = new ArrayList<>();
        for (String key : source.keys()) {
            if (key.startsWith(DiffProbeSettings.PREFIX) || key.startsWith(DiffProbeSettings.REPORTS_PREFIX)) {
                continue;
            }
            Misspellings.closest(key, known).ifPresent(k -> warnings.add("-D" + key + " is not a DiffProbe setting"
                    + " and is ignored; did you mean -D" + k + "?"));
        }
        return warnings;
    }

    /**
     * The value, absent when the key is. A key given with nothing after {@code =} is a problem,
     * not the default: {@code -Dmodel=$CKPT} with an unset variable would otherwise test the
     * embedded checkpoint under the user's belief that it tested theirs. Surefire's own tag keys
     * are exempt, since Surefire itself reads an empty expression as none.
     */
    private Optional<String> text(String key) {
        Optional<String> value = source.get(key).map(String::strip);
        if (value.isPresent() && value.get().isEmpty() && !SUREFIRE_KEYS.contains(key) && blanks.add(key)) {
            problems.add("-D" + key + "= is empty: give it a value, or leave the setting out for its default");
        }
        return value.filter(s -> !s.isEmpty());
    }

    /** The value, or {@code least} (a valid stand-in) with a problem when it is not a number of at least that. */
    private <N extends Comparable<N>> N parse(String key, String value, Function<String, N> parser, N least,
                                              String expected) {
        try {
            N n = parser.apply(value);
            if (n.compareTo(least) >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below, with the same message as a value out of range
        }
        problems.add("-D" + key + "=" + value + ": expected " + expected);
        return least;
    }

    /** Bounded: each worker holds a thread and a copy of the checkpoint. */
    private int workers(String value) {
        String expected = "a whole number from 1 to " + DiffProbeSettings.MAX_WORKERS;
        int n = parse(DiffProbeSettings.WORKERS, value, Integer::parseInt, 1, expected);
        if (n > DiffProbeSettings.MAX_WORKERS) {
            problems.add("-D" + DiffProbeSettings.WORKERS + "=" + value + ": expected " + expected);
            return 1;
        }
        return n;
    }

    private OptionalDouble probability(String key) {
        Optional<String> value = text(key);
        if (value.isEmpty()) {
            return OptionalDouble.empty();
        }
        try {
            double p = Double.parseDouble(value.get());
            if (p > 0 && p < 1) {
                return OptionalDouble.of(p);
            }
        } catch (NumberFormatException e) {
            // reported below, with the same message as a value out of range
        }
        problems.add("-D" + key + "=" + value.get() + ": expected a probability strictly between 0 and 1");
        return OptionalDouble.empty();
    }

    private OptionalDouble share(String key) {
        Optional<String> value = text(key);
        if (value.isEmpty()) {
            return OptionalDouble.empty();
        }
        try {
            double share = Double.parseDouble(value.get());
            if (share >= 0 && share <= 1) {
                return OptionalDouble.of(share);
            }
        } catch (NumberFormatException e) {
            // reported below, with the same message as a value out of range
        }
        problems.add("-D" + key + "=" + value.get() + ": expected a fraction in [0, 1] (0.05, not 5)");
        return OptionalDouble.empty();
    }

    private static Set<String> names(String value) {
        Set<String> names = new LinkedHashSet<>();
        Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(names::add);
        return names;
    }

    /** The shared datasets beside the project, then Debian's dataset packages; those present, else the first. */
    private static List<Path> defaultData() {
        List<Path> candidates = List.of(ProjectLayout.root().resolve(DatasetCatalog.DEFAULT_ROOT).normalize(),
                DEBIAN_DATASETS);
        List<Path> present = candidates.stream().filter(Files::isDirectory).toList();
        return present.isEmpty() ? candidates.subList(0, 1) : present;
    }
}
