package dev.diffprobe.harness.study;

import dev.diffprobe.models.Checkpoint;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The study's command line; harness/README.md documents every option. A bad option ends the
 * command with one line naming it (see {@link EfficiencyStudy#main}).
 */
record StudyOptions(String checkpoint, int examples, long sceneSeed, long seed, int[] scores,
                    List<PrunedSetting> pruned, Path out, double rateSeconds, int rateEvery) {

    /** One pruned-mode configuration: Algorithm 1's min_scores, cutoff_pval and max_scores. */
    record PrunedSetting(int minScores, double cutoffPval, int maxScores) {
        String label() {
            return "min=" + minScores + " p<" + cutoffPval + " max=" + maxScores;
        }
    }

    /** Default held-out scene seed: no checkpoint of this project is trained on it. */
    static final long DEFAULT_SCENE_SEED = 424242;
    /**
     * Sized for about 12,000 denoiser calls: 10 to 15 minutes on the shared 2-core machine, where
     * the 32 px checkpoint gets 15 to 90 images/s depending on the load. The paper's max_scores of
     * 2000 would let one undecided example cost minutes.
     */
    static final String DEFAULT_SCORES = "1,2,5,10,20";
    static final String DEFAULT_PRUNED = "2:0.1:20,5:0.02:30,20:0.002:40";
    /** One raw batch per 20 classifier calls: 5% more denoiser work, and about 40 raw batches in a 10-minute run. */
    static final int DEFAULT_RATE_EVERY = 20;

    static StudyOptions parse(String[] args) {
        String checkpoint = Checkpoint.DEFAULT;
        int examples = 24;
        long sceneSeed = DEFAULT_SCENE_SEED;
        long seed = 0;
        String scores = DEFAULT_SCORES;
        String pruned = DEFAULT_PRUNED;
        Path out = Path.of("target", "efficiency-study");
        double rateSeconds = 2;
        int rateEvery = DEFAULT_RATE_EVERY;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new UsageException(option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--checkpoint" -> checkpoint = value;
                case "--examples" -> examples = positiveInt(option, value);
                case "--scene-seed" -> sceneSeed = longValue(option, value);
                case "--seed" -> seed = longValue(option, value);
                case "--scores" -> scores = value;
                case "--pruned" -> pruned = value;
                case "--out" -> out = Path.of(value);
                case "--rate-seconds" -> rateSeconds = positiveDouble(option, value);
                case "--rate-every" -> rateEvery = positiveInt(option, value);
                default -> throw new UsageException("unknown option " + option + " (known: --checkpoint, --examples,"
                        + " --scene-seed, --seed, --scores, --pruned, --out, --rate-seconds, --rate-every)");
            }
        }
        return new StudyOptions(checkpoint, examples, sceneSeed, seed, scoreList(scores), prunedList(pruned), out,
                rateSeconds, rateEvery);
    }

    private static int[] scoreList(String value) {
        int[] list = Arrays.stream(value.split(",")).mapToInt(s -> positiveInt("--scores", s)).sorted().toArray();
        if (list.length == 0) {
            throw new UsageException("--scores needs at least one number");
        }
        return list;
    }

    private static List<PrunedSetting> prunedList(String value) {
        List<PrunedSetting> list = new ArrayList<>();
        for (String item : value.split(",")) {
            String[] parts = item.split(":");
            if (parts.length != 3) {
                throw new UsageException("--pruned: '" + item + "' is not minScores:cutoffPval:maxScores");
            }
            int min = positiveInt("--pruned", parts[0]);
            int max = positiveInt("--pruned", parts[2]);
            double cutoff = positiveDouble("--pruned", parts[1]);
            if (min < 2 || max < min || cutoff > 1) {
                throw new UsageException("--pruned: '" + item + "' needs 2 <= minScores <= maxScores and a cutoff <= 1");
            }
            list.add(new PrunedSetting(min, cutoff, max));
        }
        return list;
    }

    private static int positiveInt(String option, String value) {
        try {
            int v = Integer.parseInt(value.trim());
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(option + " expects a positive integer, got '" + value + "'");
    }

    private static long longValue(String option, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(option + " expects an integer, got '" + value + "'");
        }
    }

    private static double positiveDouble(String option, String value) {
        try {
            double v = Double.parseDouble(value.trim());
            if (v > 0 && Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(option + " expects a positive number, got '" + value + "'");
    }

    /** A command-line mistake; its message is the one line the user sees. */
    static final class UsageException extends IllegalArgumentException {
        UsageException(String message) {
            super(message);
        }
    }
}
