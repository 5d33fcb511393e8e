package dev.diffprobe.harness.classify;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything {@link DiffusionClassifier} can be told, built DJL-style: {@code set*} for what is
 * required (the run seed), {@code opt*} for the rest, whose defaults are the paper's. Engines and
 * suites pass string settings through {@link Builder#opt(String, String)}, keyed by the constants
 * below; harness/README.md has the same table.
 */
public final class ClassifierSettings {
    /** Setting key: {@code naive}, {@code shared} or {@code pruned} (see {@link Mode}). */
    public static final String MODE = "mode";
    /** Setting key: rounds before the first pruning test (Algorithm 1's min_scores); at least 2. */
    public static final String MIN_SCORES = "minScores";
    /** Setting key: most rounds per example; in naive and shared mode, exactly the rounds run. */
    public static final String MAX_SCORES = "maxScores";
    /** Setting key: a candidate whose paired t-test p-value against the best falls below this is dropped. */
    public static final String CUTOFF_PVAL = "cutoffPval";
    /** Setting key: {@code simple}, {@code vdm}, {@code heuristic} or {@code learned}. */
    public static final String WEIGHTING = "weighting";
    /** Setting key: k of the heuristic weighting exp(-k t). */
    public static final String WEIGHTING_K = "weightingK";
    /** Setting key: the CSV a {@code learned} weighting is read from (see {@link LearnedWeighting}). */
    public static final String WEIGHTING_FILE = "weightingFile";
    /** Setting key: {@code true} draws t stratified over rounds instead of i.i.d. uniform. */
    public static final String STRATIFIED = "stratified";
    /** Setting key: {@code uniform} or {@code weighted} (importance sampling of t, see {@link TimeSampling}). */
    public static final String T_SAMPLING = "tSampling";
    /** Setting key: {@code ttest} (Algorithm 1), {@code anytime}, {@code predictive} or {@code pooled} (see {@link Pruning}). */
    public static final String PRUNING = "pruning";
    /** Setting key: images per denoiser call; 0 means the checkpoint's maxBatch. */
    public static final String BATCH_SIZE = "batchSize";
    /** Setting key: examples in flight at once, whose items share batches; 0 means the batch size. */
    public static final String WINDOW = "window";
    /** Setting key: temperature of the softmax of negated mean scores. */
    public static final String TEMPERATURE = "temperature";
    /** Setting key: the run seed; with an example's id it fixes that example's (t, eps) stream. */
    public static final String SEED = "seed";
    /** Setting key: t is drawn in [tMin, tMax], away from where alpha or sigma vanishes. */
    public static final String T_MIN = "tMin";
    /** Setting key: the upper end of t's range; 1 - tMin unless set. */
    public static final String T_MAX = "tMax";

    /** Default of {@value #MIN_SCORES}: the paper's min_scores. */
    public static final int DEFAULT_MIN_SCORES = 20;
    /** Default of {@value #MAX_SCORES}: the paper's max_scores. */
    public static final int DEFAULT_MAX_SCORES = 2000;
    /** Default of {@value #CUTOFF_PVAL}: the paper's cutoff_pval. */
    public static final double DEFAULT_CUTOFF_PVAL = 2e-3;
    /** Default of {@value #WEIGHTING_K}: the k of the paper's Algorithm 1. */
    public static final double DEFAULT_WEIGHTING_K = 7.0;
    /** Default of {@value #TEMPERATURE}. */
    public static final double DEFAULT_TEMPERATURE = 1.0;
    /**
     * Default of {@value #T_MIN}: far enough from 0 and 1 that a continuous schedule's alpha and
     * sigma are both non-zero, close enough that it removes a negligible slice of U[0,1].
     */
    public static final double DEFAULT_T_MIN = 1e-3;

    private final Mode mode;
    private final int minScores;
    private final int maxScores;
    private final double cutoffPval;
    private final Weighting weighting;
    private final boolean stratified;
    private final TimeSampling timeSampling;
    private final Pruning pruning;
    private final int batchSize;
    private final int window;
    private final double temperature;
    private final long seed;
    private final double tMin;
    /** Null unless set: then 1 - tMin, the paper's symmetric range. */
    private final Double tMax;

    private ClassifierSettings(Builder b) {
        mode = b.mode;
        minScores = b.minScores;
        maxScores = b.maxScores;
        cutoffPval = b.cutoffPval;
        weighting = b.weighting != null ? b.weighting : b.namedWeighting();
        stratified = b.stratified;
        timeSampling = b.timeSampling;
        pruning = b.pruning;
        batchSize = b.batchSize;
        window = b.window;
        temperature = b.temperature;
        seed = b.seed;
        tMin = b.tMin;
        tMax = b.tMax;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Mode mode() {
        return mode;
    }

    public int minScores() {
        return minScores;
    }

    public int maxScores() {
        return maxScores;
    }

    public double cutoffPval() {
        return cutoffPval;
    }

    public Weighting weighting() {
        return weighting;
    }

    public boolean stratified() {
        return stratified;
    }

    public TimeSampling timeSampling() {
        return timeSampling;
    }

    public Pruning pruning() {
        return pruning;
    }

    /** The requested batch size, 0 for the checkpoint's own maximum. */
    public int batchSize() {
        return batchSize;
    }

    /** The requested window, 0 for one example per batch slot. */
    public int window() {
        return window;
    }

    public double temperature() {
        return temperature;
    }

    public long seed() {
        return seed;
    }

    public double tMin() {
        return tMin;
    }

    /** The upper end of t's range: the setting, or 1 - tMin. */
    public double tMax() {
        return tMax != null ? tMax : 1 - tMin;
    }

    /** The settings as key/value strings, in the order of the table, for journals and reports. */
    public Map<String, String> describe() {
        java.util.LinkedHashMap<String, String> m = new java.util.LinkedHashMap<>();
        m.put(MODE, mode.word());
        m.put(MIN_SCORES, Integer.toString(minScores));
        m.put(MAX_SCORES, Integer.toString(maxScores));
        m.put(CUTOFF_PVAL, Double.toString(cutoffPval));
        m.put(WEIGHTING, weighting.name());
        m.put(STRATIFIED, Boolean.toString(stratified));
        // Listed only when not the paper's: journals written before these settings existed used
        // exactly the defaults, and keep matching (and resuming) under the same description.
        if (timeSampling != TimeSampling.UNIFORM) {
            m.put(T_SAMPLING, timeSampling.word());
        }
        if (pruning != Pruning.TTEST) {
            m.put(PRUNING, pruning.word());
        }
        m.put(BATCH_SIZE, Integer.toString(batchSize));
        m.put(WINDOW, Integer.toString(window));
        m.put(TEMPERATURE, Double.toString(temperature));
        m.put(SEED, Long.toString(seed));
        m.put(T_MIN, Double.toString(tMin));
        if (tMax != null) {
            m.put(T_MAX, Double.toString(tMax));
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    @Override
    public String toString() {
        return describe().toString();
    }

    /** Collects settings; {@link #build()} checks them together. */
    public static final class Builder {
        private Mode mode = Mode.PRUNED;
        private int minScores = DEFAULT_MIN_SCORES;
        private int maxScores = DEFAULT_MAX_SCORES;
        private double cutoffPval = DEFAULT_CUTOFF_PVAL;
        private Weighting weighting;
        private String weightingWord = "heuristic";
        private double weightingK = DEFAULT_WEIGHTING_K;
        private Path weightingFile;
        private boolean stratified;
        private TimeSampling timeSampling = TimeSampling.UNIFORM;
        private Pruning pruning = Pruning.TTEST;
        private int batchSize;
        private int window;
        private double temperature = DEFAULT_TEMPERATURE;
        private Long seed;
        private double tMin = DEFAULT_T_MIN;
        private Double tMax;

        private Builder() {
        }

        /** Required: the run seed. */
        public Builder setSeed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder optMode(Mode mode) {
            this.mode = mode;
            return this;
        }

        public Builder optMinScores(int minScores) {
            this.minScores = minScores;
            return this;
        }

        public Builder optMaxScores(int maxScores) {
            this.maxScores = maxScores;
            return this;
        }

        public Builder optCutoffPval(double cutoffPval) {
            this.cutoffPval = cutoffPval;
            return this;
        }

        /** A weighting object; takes precedence over {@value #WEIGHTING} given as a string. */
        public Builder optWeighting(Weighting weighting) {
            this.weighting = weighting;
            return this;
        }

        public Builder optStratified(boolean stratified) {
            this.stratified = stratified;
            return this;
        }

        public Builder optTimeSampling(TimeSampling timeSampling) {
            this.timeSampling = timeSampling;
            return this;
        }

        public Builder optPruning(Pruning pruning) {
            this.pruning = pruning;
            return this;
        }

        public Builder optBatchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        public Builder optWindow(int window) {
            this.window = window;
            return this;
        }

        public Builder optTemperature(double temperature) {
            this.temperature = temperature;
            return this;
        }

        public Builder optTMin(double tMin) {
            this.tMin = tMin;
            return this;
        }

        /** Draws t in [tMin, tMax] instead of the symmetric [tMin, 1 - tMin]. */
        public Builder optTMax(double tMax) {
            this.tMax = tMax;
            return this;
        }

        /**
         * Sets one setting from text, as engines and suite files carry them.
         *
         * @throws SettingException naming the key for an unknown key or a value it cannot take
         */
        public Builder opt(String key, String value) {
            switch (key) {
                case MODE -> mode = Mode.parse(key, value);
                case MIN_SCORES -> minScores = parseInt(key, value);
                case MAX_SCORES -> maxScores = parseInt(key, value);
                case CUTOFF_PVAL -> cutoffPval = parseDouble(key, value);
                case WEIGHTING -> weightingWord = value.trim().toLowerCase(Locale.ROOT);
                case WEIGHTING_K -> weightingK = parseDouble(key, value);
                case WEIGHTING_FILE -> weightingFile = Path.of(value.trim());
                case STRATIFIED -> stratified = parseBoolean(key, value);
                case T_SAMPLING -> timeSampling = TimeSampling.parse(key, value);
                case PRUNING -> pruning = Pruning.parse(key, value);
                case BATCH_SIZE -> batchSize = parseInt(key, value);
                case WINDOW -> window = parseInt(key, value);
                case TEMPERATURE -> temperature = parseDouble(key, value);
                case SEED -> seed = parseLong(key, value);
                case T_MIN -> tMin = parseDouble(key, value);
                case T_MAX -> tMax = parseDouble(key, value);
                default -> throw new SettingException(key, value, "unknown setting; known: " + String.join(", ",
                        MODE, MIN_SCORES, MAX_SCORES, CUTOFF_PVAL, WEIGHTING, WEIGHTING_K, WEIGHTING_FILE,
                        STRATIFIED, T_SAMPLING, PRUNING, BATCH_SIZE, WINDOW, TEMPERATURE, SEED, T_MIN, T_MAX));
            }
            return this;
        }

        /**
         * @throws SettingException naming the first setting out of range, or the missing seed
         */
        public ClassifierSettings build() {
            List<SettingException> problems = problems();
            if (!problems.isEmpty()) {
                throw problems.get(0);
            }
            return new ClassifierSettings(this);
        }

        /** Every setting out of range (and the missing seed), so that a suite's author sees all at once. */
        public List<SettingException> problems() {
            List<SettingException> problems = new ArrayList<>();
            if (seed == null) {
                problems.add(new SettingException(SEED, "unset", "required: call setSeed or opt(\"seed\", ...)"));
            }
            if (mode == null) {
                problems.add(new SettingException(MODE, "null", "expected naive, shared or pruned"));
            }
            require(problems, MIN_SCORES, minScores, minScores >= 2, "expected at least 2 (a paired t-test needs two pairs)");
            require(problems, MAX_SCORES, maxScores, maxScores >= 1, "expected at least 1");
            require(problems, MAX_SCORES, maxScores, mode != Mode.PRUNED || minScores < 2 || maxScores < 1
                    || maxScores >= minScores, "expected at least " + MIN_SCORES + " (" + minScores + ") in pruned mode");
            require(problems, CUTOFF_PVAL, cutoffPval, cutoffPval >= 0 && cutoffPval <= 1,
                    "expected a probability in [0, 1]");
            require(problems, T_SAMPLING, timeSampling, timeSampling != null, "expected uniform or weighted");
            require(problems, PRUNING, pruning, pruning != null, Pruning.expected());
            require(problems, BATCH_SIZE, batchSize, batchSize >= 0, "expected 0 (the checkpoint's maxBatch) or more");
            require(problems, WINDOW, window, window >= 0, "expected 0 (the batch size) or more");
            require(problems, TEMPERATURE, temperature, temperature > 0 && Double.isFinite(temperature),
                    "expected a positive number");
            if (tMax == null) {
                require(problems, T_MIN, tMin, tMin > 0 && tMin < 0.5, "expected a number in (0, 0.5)");
            } else {
                require(problems, T_MIN, tMin, tMin > 0 && tMin < 1, "expected a number in (0, 1)");
                require(problems, T_MAX, tMax, tMax > tMin && tMax < 1,
                        "expected a number above " + T_MIN + " (" + tMin + ") and below 1");
            }
            if (weighting == null) {
                require(problems, WEIGHTING, weightingWord, List.of("simple", "vdm", "heuristic", "learned")
                        .contains(weightingWord), "expected simple, vdm, heuristic or learned");
                require(problems, WEIGHTING_K, weightingK, !weightingWord.equals("heuristic")
                        || Double.isFinite(weightingK), "expected a finite number");
                require(problems, WEIGHTING_FILE, "unset", !weightingWord.equals("learned") || weightingFile != null,
                        "required by weighting 'learned'");
            }
            return problems;
        }

        private Weighting namedWeighting() {
            return switch (weightingWord) {
                case "simple" -> Weighting.simple();
                case "vdm" -> Weighting.vdm();
                case "heuristic" -> Weighting.heuristic(weightingK);
                case "learned" -> {
                    if (weightingFile == null) {
                        throw new SettingException(WEIGHTING_FILE, "unset", "required by weighting 'learned'");
                    }
                    yield LearnedWeighting.load(weightingFile);
                }
                default -> throw new SettingException(WEIGHTING, weightingWord,
                        "expected simple, vdm, heuristic or learned");
            };
        }

        private static void require(List<SettingException> problems, String key, Object value, boolean ok,
                                    String expected) {
            if (!ok) {
                problems.add(new SettingException(key, value, expected));
            }
        }

        private static int parseInt(String key, String value) {
            try {
                return Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new SettingException(key, value, "expected an integer");
            }
        }

        private static long parseLong(String key, String value) {
            try {
                return Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                throw new SettingException(key, value, "expected an integer");
            }
        }

        private static double parseDouble(String key, String value) {
            try {
                return Double.parseDouble(value.trim());
            } catch (NumberFormatException e) {
                throw new SettingException(key, value, "expected a number");
            }
        }

        private static boolean parseBoolean(String key, String value) {
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new SettingException(key, value, "expected true or false");
            };
        }
    }
}
