package dev.diffprobe.harness.classify;

import dev.diffprobe.models.DiffusionModel;
import dev.diffprobe.models.ModelOutputShapeException;
import dev.diffprobe.models.TextEmbedding;
import dev.diffprobe.tasks.Candidate;
import dev.diffprobe.tasks.Example;
import dev.diffprobe.tasks.Task;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The paper's Algorithm 1 over a {@link DiffusionModel}, with the {@link Mode}s of its Figure 2.
 *
 * <p>Throughput: a window of examples is in flight at once and the surviving (example, candidate,
 * prompt) items of all of them are packed into batches of the batch size, so even a two-way task
 * fills every predictX0 call. When no further example can join (the window is full or the list is
 * done), examples issue rounds ahead of need to fill the batch; a result for a candidate pruned
 * meanwhile is discarded, so the classification is the same as without look-ahead, and only
 * {@link BatchStats#images()} shows the extra work. That work is bounded: look-ahead that could be
 * thrown away ({@link ExampleRun#nextRoundSpeculative()}) is issued only while it stays within
 * {@link #SPECULATION_BUDGET} of the images that cannot be, so discarded images never exceed that
 * share of all images computed; past the budget a tail of few undecided examples runs partial
 * batches instead. Each image is encoded once; text embeddings are kept per prompt for the
 * classifier's life.
 *
 * <p>Not thread-safe, like the models it drives; results reach the sink on the calling thread.
 */
public final class DiffusionClassifier implements ZeroShotClassifier {
    /** Speculative look-ahead images allowed per image that is sure to be used. */
    public static final double SPECULATION_BUDGET = 0.10;

    private final DiffusionModel model;
    private final ClassifierSettings settings;
    private final ScoreListener listener;
    private final Pruner pruner;
    private final TimeSampler sampler;
    private final int batchSize;
    private final int window;
    private final Map<String, TextEmbedding> embeddings = new HashMap<>();
    private final Map<TextEmbedding, Integer> embeddingHashes = new IdentityHashMap<>();
    private long batches;
    private long images;
    private long usefulImages;
    private long modelNanos;
    /** Images issued that are sure to become scores, and images issued speculatively. */
    private long sureItems;
    private long speculativeItems;

    public DiffusionClassifier(DiffusionModel model, ClassifierSettings settings) {
        this(model, settings, ScoreListener.NONE);
    }

    public DiffusionClassifier(DiffusionModel model, ClassifierSettings settings, ScoreListener listener) {
        this.model = model;
        this.settings = settings;
        this.listener = listener;
        this.pruner = new Pruner(settings.cutoffPval(), settings.pruning(), settings.minScores(), settings.maxScores());
        this.sampler = settings.timeSampling() == TimeSampling.WEIGHTED
                ? TimeSampler.weighted(settings.weighting(), model.schedule(), settings.tMin(), settings.tMax())
                : TimeSampler.uniform(settings.weighting(), model.schedule(), settings.tMin(), settings.tMax());
        int requested = settings.batchSize() > 0 ? settings.batchSize() : model.maxBatch();
        if (requested > model.maxBatch() || requested < 1) {
            throw new SettingException(ClassifierSettings.BATCH_SIZE, settings.batchSize(),
                    "expected 1.." + model.maxBatch() + " (maxBatch of " + model.name() + ")");
        }
        this.batchSize = requested;
        this.window = settings.window() > 0 ? settings.window() : batchSize;
        if (settings.weighting() instanceof LearnedWeighting learned) {
            learned.checkFor(model.name(), model.fingerprint());
        }
    }

    public ClassifierSettings settings() {
        return settings;
    }

    /** The batch size in use: the setting, or the checkpoint's maxBatch. */
    public int batchSize() {
        return batchSize;
    }

    /** Totals over every {@link #classify} call so far. */
    public BatchStats stats() {
        return new BatchStats(batches, images, usefulImages, modelNanos);
    }

    @Override
    public Optional<String> cannotExpress(Task task) {
        return Expressibility.problem(model.name(), task, model::tokenize);
    }

    /** Candidates with identical prompts are scored once and share their scores ({@link TiedCandidates}). */
    @Override
    public void classify(List<Example> examples, Consumer<Classification> sink) {
        TiedCandidates.classify(examples, sink, this::classifyDistinct);
    }

    private void classifyDistinct(List<Example> examples, Consumer<Classification> sink) {
        Iterator<Example> pending = examples.iterator();
        List<ExampleRun> active = new ArrayList<>();
        ArrayDeque<Item> queue = new ArrayDeque<>();
        while (true) {
            queue.removeIf(Item::stale);
            while (queue.size() < batchSize && active.size() < window && pending.hasNext()) {
                ExampleRun run = start(pending.next(), sink);
                if (run != null) {
                    active.add(run);
                    issue(run, queue);
                }
            }
            if (queue.size() < batchSize) {
                lookAhead(active, queue);
            }
            if (queue.isEmpty()) {
                return;
            }
            List<Item> batch = new ArrayList<>(batchSize);
            while (batch.size() < batchSize && !queue.isEmpty()) {
                batch.add(queue.poll());
            }
            for (ExampleRun run : run(batch)) {
                if (run.finished()) {
                    active.remove(run);
                    sink.accept(run.result());
                } else if (run.roundsInFlight() == 0) {
                    issue(run, queue);
                }
            }
        }
    }

    /**
     * Issues rounds ahead, round-robin, until the queue holds a batch or no example can issue
     * within the speculation budget.
     */
    private void lookAhead(List<ExampleRun> active, ArrayDeque<Item> queue) {
        boolean issued = true;
        while (queue.size() < batchSize && issued) {
            issued = false;
            for (ExampleRun run : active) {
                if (queue.size() >= batchSize) {
                    return;
                }
                if (run.canIssue() && run.roundsInFlight() < batchSize && (!run.nextRoundSpeculative()
                        || speculativeItems + run.itemsPerRound() <= SPECULATION_BUDGET * sureItems)) {
                    issue(run, queue);
                    issued = true;
                }
            }
        }
    }

    private void issue(ExampleRun run, ArrayDeque<Item> queue) {
        boolean speculative = run.nextRoundSpeculative();
        List<Item> items = run.issueRound();
        if (speculative) {
            speculativeItems += items.size();
        } else {
            sureItems += items.size();
        }
        queue.addAll(items);
    }

    /** One predictX0 call; returns the examples it touched, in batch order. */
    private Set<ExampleRun> run(List<Item> batch) {
        List<float[]> xt = new ArrayList<>(batch.size());
        float[] t = new float[batch.size()];
        List<TextEmbedding> cond = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Item item = batch.get(i);
            xt.add(item.round().xt[item.candidate()]);
            t[i] = (float) item.round().t[item.candidate()];
            cond.add(item.prompt());
        }
        Set<ExampleRun> touched = new LinkedHashSet<>();
        batch.forEach(item -> touched.add(item.run()));
        float[][] x0;
        long start = System.nanoTime();
        try {
            x0 = model.predictX0(xt, t, cond);
            if (x0 == null || x0.length != batch.size()) {
                throw new IllegalStateException("predictX0 returned " + (x0 == null ? "null" : x0.length + " images")
                        + " for a batch of " + batch.size());
            }
        } catch (ModelOutputShapeException e) {
            for (ExampleRun run : touched) {
                fail(run, "ModelOutputShape: " + e.getMessage());
            }
            return touched;
        } catch (RuntimeException e) {
            for (ExampleRun run : touched) {
                fail(run, "ModelError: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            return touched;
        } finally {
            modelNanos += System.nanoTime() - start;
            batches++;
            images += batch.size();
        }
        for (int i = 0; i < batch.size(); i++) {
            Item item = batch.get(i);
            boolean useful = !item.stale();
            try {
                item.run().accept(item, x0[i]);
                if (useful) {
                    usefulImages++;
                }
            } catch (ExampleFailure e) {
                fail(item.run(), e.getMessage());
            }
        }
        return touched;
    }

    /** Encodes the image and prompts; returns null when the example is already decided. */
    private ExampleRun start(Example example, Consumer<Classification> sink) {
        if (example.candidates().size() == 1) {
            sink.accept(new Classification(example.id(), example.label(), 0, new double[] {Double.NaN},
                    new int[] {0}, 0, new int[] {-1}, new double[] {1.0}, Optional.empty()));
            return null;
        }
        try {
            float[] x = encode(example);
            List<List<TextEmbedding>> prompts = new ArrayList<>();
            for (Candidate candidate : example.candidates()) {
                List<TextEmbedding> encoded = new ArrayList<>();
                for (String prompt : candidate.prompts()) {
                    encoded.add(embedding(prompt));
                }
                prompts.add(encoded);
            }
            requireDistinct(example, prompts);
            return new ExampleRun(example, x, prompts, settings, model.schedule(), sampler, pruner, listener);
        } catch (ExampleFailure e) {
            sink.accept(Classification.failed(example.id(), example.label(), e.getMessage()));
            return null;
        }
    }

    private float[] encode(Example example) throws ExampleFailure {
        float[] pixels = ExamplePixels.load(example, model.resolution());
        float[] x;
        try {
            x = model.encodeImage(pixels);
        } catch (RuntimeException e) {
            throw new ExampleFailure("EncodeFailed", "example " + example.id() + ": " + e.getMessage());
        }
        if (x == null || x.length != model.latentSize()) {
            throw new ExampleFailure("EncodeFailed", "example " + example.id() + ": encoder returned "
                    + (x == null ? "null" : x.length + " values") + ", expected " + model.latentSize());
        }
        for (float v : x) {
            if (!Float.isFinite(v)) {
                throw new ExampleFailure("NonFiniteOutput", "image encoder returned " + v + " for example " + example.id());
            }
        }
        return x;
    }

    /**
     * Two candidates whose prompts encode identically (the same text, or texts that agree up to
     * the checkpoint's max text length, where the models module truncates) get identical scores:
     * the paired t-test could never separate them and pruning would run to maxScores for a
     * coin-flip answer, so the example fails by name instead.
     */
    private void requireDistinct(Example example, List<List<TextEmbedding>> prompts) throws ExampleFailure {
        Map<Integer, Integer> byHash = new HashMap<>();
        for (int c = 0; c < prompts.size(); c++) {
            int hash = 1;
            for (TextEmbedding e : prompts.get(c)) {
                hash = 31 * hash + embeddingHashes.computeIfAbsent(e, x -> Arrays.hashCode(x.values()));
            }
            Integer earlier = byHash.putIfAbsent(hash, c);
            if (earlier != null && sameEmbeddings(prompts.get(earlier), prompts.get(c))) {
                List<Candidate> candidates = example.candidates();
                throw new ExampleFailure("IndistinguishableCandidates", "example " + example.id() + ": candidates '"
                        + candidates.get(earlier).name() + "' and '" + candidates.get(c).name()
                        + "' encode to the same text embeddings" + (truncated(prompts.get(c))
                        ? " (a prompt is longer than the checkpoint's max text length and was truncated)" : ""));
            }
        }
    }

    private static boolean sameEmbeddings(List<TextEmbedding> a, List<TextEmbedding> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i).values(), b.get(i).values())) {
                return false;
            }
        }
        return true;
    }

    private static boolean truncated(List<TextEmbedding> embeddings) {
        return embeddings.stream().anyMatch(TextEmbedding::truncated);
    }

    /**
     * A prompt the model cannot encode (for instance one longer than its tokenizer allows, when
     * the checkpoint rejects rather than truncates) fails the examples that use it.
     */
    private TextEmbedding embedding(String prompt) throws ExampleFailure {
        TextEmbedding cached = embeddings.get(prompt);
        if (cached != null) {
            return cached;
        }
        try {
            TextEmbedding e = model.encodeText(prompt);
            embeddings.put(prompt, e);
            return e;
        } catch (RuntimeException e) {
            throw new ExampleFailure("PromptRejected", "'" + prompt + "': " + e.getMessage());
        }
    }

    private static void fail(ExampleRun run, String message) {
        if (!run.finished()) {
            run.fail(message);
        }
    }
}
