package dev.diffprobe.harness.config;

import dev.diffprobe.models.ModelSettings;

import java.util.Set;

/**
 * Every setting's key. {@link Settings} reads them all, in one place: in the engine from the JUnit
 * Platform's configuration parameters (which fall back to JVM system properties, so a Maven user
 * property works as is: {@code mvn test -Dsuite=binding -Dexamples=50}), and in a plain
 * {@code main} from system properties. Short keys are the ones users type; the
 * {@code diffprobe.} keys tune the classifier, the verdicts and the model runtime; the
 * {@code reports.} keys the report. An unknown key under either prefix is an error naming the
 * known ones; any other key close to a known one (a typo such as {@code -Dexmaples}) is warned about.
 * probes/README.md#settings has the table.
 */
public final class DiffProbeSettings {
    /**
     * Suites to run, by name (a suite's name is its file's base name), comma-separated, or
     * {@code all}. Applies when the engine scans for suites: from the probes module's anchor class
     * (what Surefire sends), a classpath root, or a directory. Suites selected one by one (a file,
     * a classpath resource, a unique id) run whatever this says. Default {@value #DEFAULT_SUITE},
     * so that a plain {@code mvn verify} runs the CI smoke suite.
     */
    public static final String SUITE = "suite";
    /** Default of {@value #SUITE}. */
    public static final String DEFAULT_SUITE = "smoke";
    /** The value of {@value #SUITE} that selects every suite found. */
    public static final String ALL_SUITES = "all";

    /**
     * Checkpoint to probe: a checkpoint directory, or the name of a checkpoint embedded in the
     * project (a directory under {@code models/checkpoints/}). Replaces each suite's
     * {@code checkpoint}; a task that names its own checkpoint (a model put beside the suite's)
     * keeps it. Default: the suite's.
     */
    public static final String MODEL = "model";

    /**
     * Regression mode: a checkpoint (directory or embedded name) that every task also runs on,
     * with the same examples and seeds; each task then gets a {@code regression} verdict (an exact
     * McNemar test on the paired outcomes). Or the results folder of an earlier run (an output
     * root or one suite's folder in it): its journals are the baseline and nothing is re-run; one
     * recorded at another seed, with other classifier settings or on other or fewer examples is
     * an error naming the difference. Default: none.
     */
    public static final String BASELINE = "baseline";

    /**
     * Examples per task in place of the suite's {@code examples}: the same examples a suite
     * declaring this count takes (a class-balanced subsample of a dataset, fixed by the seed, so
     * a quick look sees every class and the same N always means the same images). Default: the
     * suite's count.
     */
    public static final String EXAMPLES = "examples";

    /**
     * Seed that builds each task's examples and, with an example's id, fixes the classifier's
     * noise draws. Default: the suite's {@code seed}.
     */
    public static final String SEED = "seed";

    /**
     * Root directory of the datasets (see tasks/README.md for each dataset's layout). Default:
     * {@code ../shared/datasets} beside the project's root directory, when it exists. Dataset
     * tasks whose files are absent are skipped with the expected path.
     */
    public static final String DATA = "data";

    /**
     * {@code true}: a dataset missing from the data roots is downloaded into the first root from
     * its canonical address, checked against the SHA-256 the catalog pins and unpacked to the
     * layout its reader expects (CIFAR-10, CIFAR-100, MNIST, Fashion-MNIST; see tasks/README.md).
     * A failed download fails the task with the address to fetch by hand. Default {@code false}:
     * nothing is ever downloaded unless asked, and a missing dataset skips its task.
     */
    public static final String DOWNLOAD = "download";

    /**
     * Run only shard {@code i/n} of every task ({@code 0 <= i < n}): the examples of shard i of a
     * partition by example id (see {@link dev.diffprobe.harness.shard}). Journals go to
     * {@code <output>/shard-<i>-of-<n>/} and resume when the shard is rerun; no verdicts run (a
     * shard has no complete sample): {@value #MERGE} the shards for those. Default: inside a Slurm
     * array job, the array task ({@code SLURM_ARRAY_TASK_ID} of {@code SLURM_ARRAY_TASK_COUNT});
     * inside a Kubernetes Indexed Job, {@code JOB_COMPLETION_INDEX} of {@value #SHARD_COUNT};
     * otherwise none.
     */
    public static final String SHARD = "shard";

    /**
     * The number of shards, for a Kubernetes Indexed Job (whose pods see their index but not the
     * Job's completions); when given with {@value #SHARD} or inside a Slurm array, it must agree.
     */
    public static final String SHARD_COUNT = "shard.count";

    /**
     * Merge shards instead of classifying: folders (comma-separated), each a shard's folder
     * {@code shard-<i>-of-<n>} or a folder holding such folders (the shards' {@value #OUTPUT}).
     * The suite runs as if unsharded, from the shards' journals: journals, summaries, reports,
     * verdicts and Allure results as an unsharded run writes them. Missing shards or examples, a
     * shard given twice, and shards run with another seed, examples cap, classifier setting or
     * checkpoint fail the suite with a message naming the shard and the difference.
     */
    public static final String MERGE = "merge";

    /**
     * With {@value #MERGE}: {@code true} merges the shards and examples that are there and
     * reports which are missing, instead of failing. Default {@code false}.
     */
    public static final String MERGE_PARTIAL = "merge.partial";

    /** Prefix of the tuning keys; any other key under it is reported as unknown. */
    public static final String PREFIX = "diffprobe.";

    /**
     * Prefix of classifier settings, e.g. {@code -Ddiffprobe.classifier.maxScores=2000}: the names
     * of {@link dev.diffprobe.harness.classify.ClassifierSettings}, as in a suite's
     * {@code classifier:} map. Overrides the suite's value. Classifier seed is {@value #SEED}.
     */
    public static final String CLASSIFIER_PREFIX = PREFIX + "classifier.";

    /**
     * Significance level of the {@code chance} verdict: a task passes when the one-sided binomial
     * test of its correct count against chance accuracy gives p below this. Default
     * {@value #DEFAULT_ALPHA}.
     */
    public static final String ALPHA = PREFIX + "alpha";
    /** Default of {@value #ALPHA}. */
    public static final double DEFAULT_ALPHA = 0.05;

    /**
     * Significance level of the {@code regression} verdict: it fails when the exact McNemar test
     * says the checkpoint is worse than the baseline with p below this and the accuracy drop
     * exceeds the task's {@code max_drop}. Default {@value #DEFAULT_REGRESSION_ALPHA}.
     */
    public static final String REGRESSION_ALPHA = PREFIX + "regression.alpha";
    /** Default of {@value #REGRESSION_ALPHA}. */
    public static final double DEFAULT_REGRESSION_ALPHA = 0.05;

    /**
     * Most share of a task's examples that may fail with a named error (a non-finite model
     * output, an unreadable image, ...) before the task is an error instead of an accuracy: its
     * verdict tests then end in that error, with the count and the first errors, since failed
     * examples count as wrong answers and many of them would measure the failures, not the
     * checkpoint. Failures within the share still show in every verdict's message and the summary.
     * A fraction in [0, 1]; 0 makes any failure an error. Default {@value #DEFAULT_MAX_FAILED_SHARE}.
     */
    public static final String MAX_FAILED_SHARE = PREFIX + "maxFailedShare";
    /** Default of {@value #MAX_FAILED_SHARE}. */
    public static final double DEFAULT_MAX_FAILED_SHARE = 0.05;

    /**
     * Longest wait, in whole seconds, for another run that writes the same journal (the same
     * output folder, suite and task) before this run's task fails naming that run: the wait ends
     * sooner when the other run finishes the task, and this run then resumes from its journal.
     * 0 refuses at once. Default {@value #DEFAULT_LOCK_WAIT_SECONDS} (one hour).
     */
    public static final String LOCK_WAIT = PREFIX + "lockWait";
    /** Default of {@value #LOCK_WAIT}. */
    public static final long DEFAULT_LOCK_WAIT_SECONDS = 3600;

    /** Directory for journals and summaries, {@code <output>/<suite>/<task>.csv}. Default {@value #DEFAULT_OUTPUT}. */
    public static final String OUTPUT = PREFIX + "output";
    /** Default of {@value #OUTPUT}, relative to the working directory (a module's basedir under Maven). */
    public static final String DEFAULT_OUTPUT = "target/diffprobe";

    /** Where models run: {@code auto} (GPU 0 when libtorch sees one, else CPU), {@code cpu} or {@code gpu}. Default {@code auto}. */
    public static final String DEVICE = ModelSettings.DEVICE;

    /** Most images one denoiser call takes, at least 1; the classifier splits larger rounds. Default {@value ModelSettings#DEFAULT_MAX_BATCH}. */
    public static final String MAX_BATCH = ModelSettings.MAX_BATCH;

    /** libtorch intra-op threads, at least 1, applied when libtorch first starts in the JVM. Default: libtorch's (one per core). */
    public static final String THREADS = ModelSettings.THREADS;

    /**
     * Classifier workers per task, at least 1: each a thread with its own copy of the checkpoint,
     * the task's examples dealt out among them; an example scores the same whichever runs it.
     * Default: on the CPU with {@value #THREADS} set, one per core that leaves
     * (cores / threads); with libtorch's own threads or on a GPU, one.
     */
    public static final String WORKERS = PREFIX + "workers";
    /** Most {@value #WORKERS}: each holds a copy of the checkpoint and a thread. */
    public static final int MAX_WORKERS = 64;

    /** Directory embedded checkpoints are extracted to. Default {@code ${java.io.tmpdir}/diffprobe-checkpoints}. */
    public static final String CHECKPOINT_CACHE = ModelSettings.CHECKPOINT_CACHE;

    /** Prefix of the report's keys; any other key under it is reported as unknown. */
    public static final String REPORTS_PREFIX = "reports.";

    /**
     * Fraction of each task's examples, chosen by a hash of the example id, that calibrations are
     * fitted on; the rest measure them. Strictly between 0 and 1. Default: the reports module's (0.5).
     */
    public static final String CALIBRATION_FIT = REPORTS_PREFIX + "calibrationFit";

    /** How many examples of a task's score trace get a score-versus-t plot, 0 or more. Default {@value #DEFAULT_TRACE_PLOTS}. */
    public static final String TRACE_PLOTS = REPORTS_PREFIX + "tracePlots";
    /** Default of {@value #TRACE_PLOTS}. */
    public static final int DEFAULT_TRACE_PLOTS = 3;

    /**
     * Allure's own key for its results directory. Read (never set) so that the report writes
     * Allure results of its own only when Allure's listener writes them too.
     */
    public static final String ALLURE_RESULTS = "allure.results.directory";

    /**
     * Surefire's tag expression of the tests to run ({@code mvn test -Dgroups=binding}); Surefire
     * filters by it. Read so that an expression selecting none of the engine's tests is an error
     * naming the tags that exist, not an empty run.
     */
    public static final String GROUPS = "groups";

    /** Surefire's tag expression of the tests to leave out; read with {@value #GROUPS}. */
    public static final String EXCLUDED_GROUPS = "excludedGroups";

    /** The keys users type without a prefix; a key close to one of them is warned about. */
    public static final Set<String> SHORT_KEYS = Set.of(SUITE, MODEL, BASELINE, EXAMPLES, SEED, DATA, DOWNLOAD, SHARD,
            SHARD_COUNT, MERGE, MERGE_PARTIAL, GROUPS, EXCLUDED_GROUPS);

    /** The known keys under {@value #PREFIX} and {@value #REPORTS_PREFIX}, classifier settings aside. */
    public static final Set<String> PREFIXED_KEYS = Set.of(ALPHA, REGRESSION_ALPHA, MAX_FAILED_SHARE, LOCK_WAIT, OUTPUT, DEVICE,
            MAX_BATCH, THREADS, WORKERS, CHECKPOINT_CACHE, CALIBRATION_FIT, TRACE_PLOTS);

    private DiffProbeSettings() {
    }
}
