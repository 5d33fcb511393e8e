package dev.diffprobe.harness.classify;

import dev.diffprobe.models.NoiseSchedule;
import dev.diffprobe.models.TextEmbedding;
import dev.diffprobe.tasks.Example;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Algorithm 1 for one example, driven by the results its items bring back. Rounds are issued in
 * order and completed in order, so the scores kept, the pruning decisions and the calls counted
 * depend only on the (t, eps) stream, never on how items were packed into batches or how many
 * rounds were issued ahead of need.
 */
final class ExampleRun {

    private final Example example;
    private final float[] x;
    private final List<List<TextEmbedding>> prompts;
    private final ClassifierSettings settings;
    private final NoiseSchedule schedule;
    private final ScoreListener listener;
    private final TimeSampler sampler;
    private final NoiseStream shared;
    private final NoiseStream[] own;
    private final Elimination elimination;
    private final ArrayDeque<Round> inFlight = new ArrayDeque<>();
    private int issued;
    private Classification result;

    ExampleRun(Example example, float[] x, List<List<TextEmbedding>> prompts, ClassifierSettings settings,
               NoiseSchedule schedule, TimeSampler sampler, Pruner pruner, ScoreListener listener) {
        this.example = example;
        this.x = x;
        this.prompts = prompts;
        this.settings = settings;
        this.schedule = schedule;
        this.sampler = sampler;
        this.listener = listener;
        int k = prompts.size();
        this.elimination = new Elimination(k, settings, pruner);
        if (settings.mode() == Mode.NAIVE) {
            shared = null;
            own = new NoiseStream[k];
            for (int c = 0; c < k; c++) {
                own[c] = NoiseStream.of(settings.seed(), example.id(), 1 + c, settings.stratified(), sampler);
            }
        } else {
            shared = NoiseStream.of(settings.seed(), example.id(), 0, settings.stratified(), sampler);
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
     * Whether the next round's results could be thrown away: in pruned mode a round past
     * minScores, issued while earlier rounds are still out, may find its example decided or a
     * candidate dropped when it comes back. Earlier rounds cannot, since nothing is dropped before
     * minScores scores, and neither can a round issued with none out.
     */
    boolean nextRoundSpeculative() {
        return settings.mode() == Mode.PRUNED && issued >= settings.minScores() && !inFlight.isEmpty();
    }

    /** The items {@link #issueRound()} would return now: one per prompt of each surviving candidate. */
    int itemsPerRound() {
        int items = 0;
        for (int c = 0; c < prompts.size(); c++) {
            items += elimination.alive(c) ? prompts.get(c).size() : 0;
        }
        return items;
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
            if (!elimination.alive(c)) {
                continue;
            }
            round.t[c] = t;
            round.weight[c] = sampler.factor(t);
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
                    + " for prompt '" + item.prompt().prompt() + "' at t=" + String.format(Locale.ROOT, "%.4f", round.t[c]));
        }
        round.errorSum[c] += sum / x.length;
        round.pending[c]--;
        round.remaining--;
        while (!inFlight.isEmpty() && inFlight.peek().remaining == 0 && result == null) {
            complete(inFlight.poll());
        }
    }

    /** What the model returned: NaN, +Infinity or -Infinity (the models module passes them through unconverted). */
    private static String firstNonFinite(float[] values) {
        for (float v : values) {
            if (Float.isNaN(v)) {
                return "NaN";
            }
            if (Float.isInfinite(v)) {
                return v > 0 ? "+Infinity" : "-Infinity";
            }
        }
        return "values whose squared error overflows";
    }

    private void complete(Round round) throws ExampleFailure {
        double[] roundScores = new double[prompts.size()];
        for (int c = 0; c < prompts.size(); c++) {
            if (!round.issuedFor(c) || !elimination.alive(c)) {
                continue;
            }
            double error = round.errorSum[c] / prompts.get(c).size();
            double score = round.weight[c] * error;
            if (!Double.isFinite(score)) {
                throw new ExampleFailure("NonFiniteScore", "weighting " + settings.weighting().name() + " gave w="
                        + round.weight[c] + " at t=" + String.format("%.4f", round.t[c]));
            }
            roundScores[c] = score;
            listener.scored(example.id(), round.index, c, round.t[c], error, round.weight[c]);
        }
        elimination.addRound(roundScores);
        for (int c = 0; c < prompts.size(); c++) {
            if (!elimination.alive(c)) {
                for (Round later : inFlight) {
                    if (later.issuedFor(c)) {
                        later.cancel(c);
                    }
                }
            }
        }
        if (elimination.done()) {
            finish();
        }
    }

    private void finish() {
        int[] counts = elimination.counts();
        double[] means = elimination.means();
        long calls = 0;
        for (int c = 0; c < counts.length; c++) {
            calls += (long) counts[c] * prompts.get(c).size();
        }
        result = new Classification(example.id(), example.label(), elimination.best(), means, counts, calls,
                elimination.droppedAt(), Softmax.ofNegated(means, settings.temperature()), Optional.empty());
        inFlight.clear();
    }
}
