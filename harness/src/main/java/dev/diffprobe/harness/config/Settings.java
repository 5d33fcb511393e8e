package dev.diffprobe.harness.config;

import dev.diffprobe.harness.classify.ClassifierSettings;
import dev.diffprobe.harness.shard.ShardPlan;
import dev.diffprobe.models.ModelSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every setting of a run, read once and validated (see {@link DiffProbeSettings} for each key),
 * as typed values for the parts that use them: the engine's own, the classifier's (by name, as a
 * suite spells them), the models module's and the report's. A value that cannot be used is kept as
 * a problem naming its key, so that all of them are reported together, before anything runs; a key
 * that looks like a misspelt setting is kept as a warning.
 *
 * @param suites the suite names asked for; empty when none was given
 * @param download whether a dataset missing from {@code data} is downloaded into its first root
 * @param classifier the classifier settings given as {@code diffprobe.classifier.*}, by name
 * @param shards the shard this run classifies, or the shards it merges
 * @param lockWait the longest wait for another run writing the same journal
 * @param tags Surefire's tag selection, to explain one that selects nothing
 * @param workers {@code diffprobe.workers} when given; see {@link #workerCount()}
 * @param problems one line per unusable value or unknown key, each naming the key
 * @param warnings one line per key that is close to a known setting but is none
 */
public record Settings(Optional<Set<String>> suites, Optional<String> model, Optional<String> baseline,
                       OptionalInt examples, OptionalLong seed, List<Path> data, boolean download,
                       Map<String, String> classifier, double alpha, double regressionAlpha, double maxFailedShare,
                       Duration lockWait, Path output, ShardPlan shards, TagSelection tags, ModelSettings models, OptionalInt workers,
                       ReportSettings reports,
                       List<String> problems, List<String> warnings) {

    /** The classifier setting names a suite or {@code -D} may use; the seed is the suite's. */
    public static final Set<String> CLASSIFIER_KEYS = Set.of(ClassifierSettings.MODE,
            ClassifierSettings.MIN_SCORES, ClassifierSettings.MAX_SCORES, ClassifierSettings.CUTOFF_PVAL,
            ClassifierSettings.WEIGHTING, ClassifierSettings.WEIGHTING_K, ClassifierSettings.WEIGHTING_FILE,
            ClassifierSettings.STRATIFIED, ClassifierSettings.T_SAMPLING, ClassifierSettings.PRUNING,
            ClassifierSettings.BATCH_SIZE, ClassifierSettings.WINDOW,
            ClassifierSettings.TEMPERATURE, ClassifierSettings.T_MIN, ClassifierSettings.T_MAX);

    public Settings {
        suites = suites.map(s -> Set.copyOf(new TreeSet<>(s)));
        data = List.copyOf(data);
        classifier = Map.copyOf(classifier);
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
    }

    /** Reads and checks every setting {@code source} holds. */
    public static Settings read(SettingSource source) {
        return new SettingsReader(source).read();
    }

    /** A plain {@code main}'s settings: system properties, every problem thrown at once. */
    public static Settings fromSystemProperties() {
        return read(SettingSource.systemProperties()).requireValid();
    }

    /**
     * These settings when they have no problem; the warnings are logged.
     *
     * @throws SettingsException listing every problem
     */
    public Settings requireValid() {
        warnings.forEach(w -> System.getLogger(Settings.class.getName()).log(System.Logger.Level.WARNING, w));
        if (!problems.isEmpty()) {
            throw new SettingsException(problems);
        }
        return this;
    }

    /** Every known {@code diffprobe.} and {@code reports.} key, for the message about an unknown one. */
    public static List<String> knownPrefixedKeys() {
        Set<String> known = new TreeSet<>(DiffProbeSettings.PREFIXED_KEYS);
        CLASSIFIER_KEYS.forEach(k -> known.add(DiffProbeSettings.CLASSIFIER_PREFIX + k));
        return List.copyOf(known);
    }

    /**
     * Classifier workers per task: {@code diffprobe.workers} when given; else one per core that
     * {@code diffprobe.threads} leaves on the CPU, and one with libtorch's own thread count (it
     * spreads each forward over the cores itself) or on a GPU.
     */
    public int workerCount() {
        if (workers.isPresent()) {
            return workers.getAsInt();
        }
        if (models.device() == ModelSettings.DeviceChoice.GPU || models.threads().isEmpty()) {
            return 1;
        }
        return Math.max(1, Runtime.getRuntime().availableProcessors() / models.threads().getAsInt());
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
}
