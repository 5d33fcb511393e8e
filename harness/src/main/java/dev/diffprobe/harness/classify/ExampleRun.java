package dev.diffprobe.harness.classify;

import dev.diffprobe.models.NoiseSchedule;
import dev.diffprobe.models.TextEmbedding;
import dev.diffprobe.tasks.Example;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Algorithm 1 for one example, driven by the results its items bring back. Rounds are issued in
 * order and completed in order, so the scores kept, the pruning decisions and the calls counted
 * depend only on the (t, eps) stream, never on how items were packed into batches or how many
 * rounds were issued ahead of need.
 */
final class ExampleRun {
    private static final int INITIAL_CAPACITY = 64;

    private final Example example;
    private final float[] x;
    private final List<List<TextEmbedding>> prompts;
    private final ClassifierSettings settings;
    private final NoiseSchedule schedule;
    private final Pruner pruner;
    private final ScoreListener listener;
    private final NoiseStream shared;
    private final NoiseStream[] own;
    private final boolean[] alive;
    private final double[][] scores;
    private final int[] droppedAt;
    private final ArrayDeque<Round> inFlight = new ArrayDeque<>();
    private int issued;
    private int completed;
    private int aliveCount;
    private Classification result;

    ExampleRun(Example example, float[] x, List<List<TextEmbedding>> prompts, ClassifierSettings settings,
               NoiseSchedule schedule, Pruner pruner, ScoreListener listener) {
        this.example = example;
        this.x = x;
        this.prompts = prompts;
        this.settings = settings;
        this.schedule = schedule;
        this.pruner = pruner;
        this.listener = listener;
        int k = prompts.size();
        this.alive = new boolean[k];
        Arrays.fill(alive, true);
        this.aliveCount = k;
        // Grown on demand: most examples end long before maxScores, and k x maxScores would be
        // megabytes per example for a 1000-way task.
        this.scores = new double[k][Math.min(settings.maxScores(), INITIAL_CAPACITY)];
        this.droppedAt = new int[k];
        Arrays.fill(droppedAt, -1);
        if (settings.mode() == Mode.NAIVE) {
            shared = null;
            own = new NoiseStream[k];
            for (int c = 0; c < k; c++) {
                own[c] = NoiseStream.of(settings.seed(), example.id(), 1 + c, settings.stratified(), settings.tMin());
            }
        } else {
            shared = NoiseStream.of(settings.seed(), example.id(), 0, settings.stratified(), settings.tMin());
            own = null;
        }
    }

    boolean finished() {
        return result != null;
    }

    /** The outcome, once {@link #finished()}. */
    Classification result() {
        return result;
    }

    /** Ends the example with a named error; its queued items become stale. */
    void fail(String message) {
        result = Classification.failed(example.id(), example.label(), message);
        inFlight.clear();
    }

    int roundsInFlight() {
        return inFlight.size();
    }

    boolean canIssue() {
        return result == null && issued < settings.maxScores();
    }

    /**
     * Draws the next round's (t, eps) and returns one item per surviving candidate and prompt.
     * t is rounded to float first, since the model takes it as a float: x_t, w(t) and the
     * model's alpha(t) then all see the same t.
     */
    List<Item> issueRound() {
        Round round = new Round(issued++, prompts.size());
        List<Item> items = new ArrayList<>();
        float[] sharedXt = null;
        double sharedT = 0;
        if (shared != null) {
            sharedT = (float) shared.nextT();
            sharedXt = noised(shared, sharedT);
        }
        for (int c = 0; c < prompts.size(); c++) {
            double t = sharedT;
            float[] xt = sharedXt;
            if (own != null) {
                t = (float) own[c].nextT();
                xt = noised(own[c], t);
            }
            if (!alive[c]) {
                continue;
            }
            round.t[c] = t;
            round.weight[c] = settings.weighting().weight(t, schedule);
            round.xt[c] = xt;
            round.pending[c] = prompts.get(c).size();
            round.remaining += round.pending[c];
            for (TextEmbedding prompt : prompts.get(c)) {
                items.add(new Item(this, round, c, prompt));
            }
        }
        inFlight.add(round);
        return items;
    }

    private float[] noised(NoiseStream stream, double t) {
        float[] eps = new float[x.length];
        stream.nextGaussians(eps);
        float a = (float) schedule.alpha(t);
        float s = (float) schedule.sigma(t);
        for (int i = 0; i < eps.length; i++) {
            eps[i] = a * x[i] + s * eps[i];
        }
        return eps;
    }

    /** Takes the denoiser's x0 estimate for {@code item}; completes every round now whole. */
    void accept(Item item, float[] x0) throws ExampleFailure {
        Round round = item.round();
        int c = item.candidate();
        if (result != null || !round.issuedFor(c)) {
            return;
        }
        if (x0 == null || x0.length != x.length) {
            throw new ExampleFailure("ModelOutputShape", "denoiser returned " + (x0 == null ? "null" : x0.length
                    + " values") + " for prompt '" + item.prompt().prompt() + "', expected " + x.length);
        }
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double d = x[i] - x0[i];
            sum += d * d;
        }
        if (!Double.isFinite(sum)) {
            throw new ExampleFailure("NonFiniteOutput", "denoiser returned " + firstNonFinite(x0)
                    + " for prompt '" + item.prompt().prompt() + "' at t=" + String.format("%.4f", round.t[c]));
        }
        round.errorSum[c] += sum / x.length;
        round.pending[c]--;
        round.remaining--;
        while (!inFlight.isEmpty() && inFlight.peek().remaining == 0 && result == null) {
            complete(inFlight.poll());
        }
    }

    private static String firstNonFinite(float[] values) {
        for (float v : values) {
            if (!Float.isFinite(v)) {
                return Float.toString(v);
            }
        }
        return "values whose squared error overflows";
    }

    private void complete(Round round) throws ExampleFailure {
        for (int c = 0; c < prompts.size(); c++) {
            if (!round.issuedFor(c) || !alive[c]) {
                continue;
            }
            double error = round.errorSum[c] / prompts.get(c).size();
            double score = round.weight[c] * error;
            if (!Double.isFinite(score)) {
                throw new ExampleFailure("NonFiniteScore", "weighting " + settings.weighting().name() + " gave w="
                        + round.weight[c] + " at t=" + String.format("%.4f", round.t[c]));
            }
            if (round.index == scores[c].length) {
                scores[c] = Arrays.copyOf(scores[c], Math.min(settings.maxScores(), 2 * scores[c].length));
            }
            scores[c][round.index] = score;
            listener.scored(example.id(), round.index, c, round.t[c], error, round.weight[c]);
        }
        completed++;
        if (settings.mode() == Mode.PRUNED && completed >= settings.minScores()) {
            prune();
        }
        boolean decided = settings.mode() == Mode.PRUNED && aliveCount == 1;
        if (decided || completed == settings.maxScores()) {
            finish();
        }
    }

    private void prune() {
        int best = bestAlive();
        double[] bestScores = Arrays.copyOf(scores[best], completed);
        for (int c = 0; c < prompts.size(); c++) {
            if (alive[c] && c != best && pruner.drops(Arrays.copyOf(scores[c], completed), bestScores)) {
                alive[c] = false;
                aliveCount--;
                droppedAt[c] = completed;
                for (Round later : inFlight) {
                    later.cancel(c);
                }
            }
        }
    }

    private int bestAlive() {
        int best = -1;
        double bestMean = Double.POSITIVE_INFINITY;
        for (int c = 0; c < prompts.size(); c++) {
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

    private void finish() {
        int k = prompts.size();
        double[] means = new double[k];
        int[] counts = new int[k];
        long calls = 0;
        for (int c = 0; c < k; c++) {
            counts[c] = droppedAt[c] >= 0 ? droppedAt[c] : completed;
            means[c] = mean(scores[c], counts[c]);
            calls += (long) counts[c] * prompts.get(c).size();
        }
        result = new Classification(example.id(), example.label(), bestAlive(), means, counts, calls,
                droppedAt.clone(), Softmax.ofNegated(means, settings.temperature()), Optional.empty());
        inFlight.clear();
    }

    private static double mean(double[] values, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += values[i];
        }
        return sum / n;
    }
}
