package dev.diffprobe.harness.classify;

import java.util.Arrays;

/**
 * The decisions of Algorithm 1 for one example, fed one completed round of scores at a time:
 * which candidates survive, when the example ends and what it predicts. The classifier drives it
 * from the denoiser's results; a replay of recorded shared-noise scores drives it from a file and
 * gets the same predictions and call counts, since shared and pruned mode draw the same (t, eps).
 */
public final class Elimination {
    private static final int INITIAL_CAPACITY = 64;

    private final Mode mode;
    private final int minScores;
    private final int maxScores;
    private final Pruner pruner;
    private final boolean[] alive;
    private final double[][] scores;
    private final int[] droppedAt;
    private int completed;
    private int aliveCount;

    public Elimination(int candidates, ClassifierSettings settings) {
        this(candidates, settings, new Pruner(settings.cutoffPval(), settings.pruning(), settings.minScores(), settings.maxScores()));
    }

    Elimination(int candidates, ClassifierSettings settings, Pruner pruner) {
        this.mode = settings.mode();
        this.minScores = settings.minScores();
        this.maxScores = settings.maxScores();
        this.pruner = pruner;
        this.alive = new boolean[candidates];
        Arrays.fill(alive, true);
        this.aliveCount = candidates;
        // Grown on demand: most examples end long before maxScores, and k x maxScores would be
        // megabytes per example for a 1000-way task.
        this.scores = new double[candidates][Math.min(maxScores, INITIAL_CAPACITY)];
        this.droppedAt = new int[candidates];
        Arrays.fill(droppedAt, -1);
    }

    public boolean alive(int candidate) {
        return alive[candidate];
    }

    public int completed() {
        return completed;
    }

    /**
     * Adds the next round: {@code roundScores[c]} for every surviving c (others are ignored), then
     * prunes if due.
     */
    public void addRound(double[] roundScores) {
        if (done()) {
            throw new IllegalStateException("the example is decided after " + completed + " rounds");
        }
        for (int c = 0; c < alive.length; c++) {
            if (!alive[c]) {
                continue;
            }
            if (completed == scores[c].length) {
                scores[c] = Arrays.copyOf(scores[c], Math.min(maxScores, 2 * scores[c].length));
            }
            scores[c][completed] = roundScores[c];
        }
        completed++;
        if (mode == Mode.PRUNED && completed >= minScores) {
            prune();
        }
    }

    private void prunePooled(int best, double[] bestScores) {
        int[] rivals = new int[aliveCount - 1];
        double[][] series = new double[aliveCount - 1][];
        int m = 0;
        for (int c = 0; c < alive.length; c++) {
            if (alive[c] && c != best) {
                rivals[m] = c;
                series[m++] = Arrays.copyOf(scores[c], completed);
            }
        }
        boolean[] drop = pruner.dropsPooled(series, bestScores);
        for (int j = 0; j < rivals.length; j++) {
            if (drop[j]) {
                drop(rivals[j]);
            }
        }
    }

    private void drop(int candidate) {
        alive[candidate] = false;
        aliveCount--;
        droppedAt[candidate] = completed;
    }

    /** One candidate left (pruned mode) or maxScores rounds done. */
    public boolean done() {
        return (mode == Mode.PRUNED && aliveCount == 1) || completed == maxScores;
    }

    private void prune() {
        int best = best();
        double[] bestScores = Arrays.copyOf(scores[best], completed);
        if (pruner.pooled()) {
            prunePooled(best, bestScores);
            return;
        }
        for (int c = 0; c < alive.length; c++) {
            if (alive[c] && c != best && pruner.drops(Arrays.copyOf(scores[c], completed), bestScores)) {
                drop(c);
            }
        }
    }

    /** The surviving candidate with the lowest mean score: the prediction once done. */
    public int best() {
        int best = -1;
        double bestMean = Double.POSITIVE_INFINITY;
        for (int c = 0; c < alive.length; c++) {
            if (alive[c]) {
                double m = mean(scores[c], completed);
                if (best < 0 || m < bestMean) {
                    best = c;
                    bestMean = m;
                }
            }
        }
        return best;
    }

    /** Scores per candidate: the rounds it took part in. */
    public int[] counts() {
        int[] counts = new int[alive.length];
        for (int c = 0; c < alive.length; c++) {
            counts[c] = droppedAt[c] >= 0 ? droppedAt[c] : completed;
        }
        return counts;
    }

    /** Each candidate's mean score over its counted rounds (NaN before the first round). */
    public double[] means() {
        int[] counts = counts();
        double[] means = new double[alive.length];
        for (int c = 0; c < alive.length; c++) {
            means[c] = mean(scores[c], counts[c]);
        }
        return means;
    }

    /** The number of completed rounds each candidate was dropped at, -1 if it survived. */
    public int[] droppedAt() {
        return droppedAt.clone();
    }

    private static double mean(double[] values, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += values[i];
        }
        return sum / n;
    }
}
