package dev.diffprobe.harness.engine;

import dev.diffprobe.harness.classify.Classification;
import dev.diffprobe.harness.classify.Expressibility;
import dev.diffprobe.harness.classify.ZeroShotClassifier;
import dev.diffprobe.harness.run.ClassifierSource;
import dev.diffprobe.harness.run.LoadedCheckpoint;
import dev.diffprobe.harness.run.RunSettings;
import dev.diffprobe.models.PromptTokens;
import dev.diffprobe.tasks.Example;
import dev.diffprobe.tasks.Task;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

/**
 * Opens every checkpoint as a classifier that predicts by a fixed rule, without a model, and
 * records which examples it was asked to classify. {@code killAfter} makes it die (as a killed
 * JVM would stop) after that many examples in all.
 */
final class FakeClassifiers implements ClassifierSource {
    private final ToIntFunction<Example> predictor;
    private final ToIntFunction<Example> baselinePredictor;
    private final int killAfter;
    private Optional<Set<String>> vocabulary = Optional.empty();
    final List<String> classified = new ArrayList<>();
    final List<Path> opened = new ArrayList<>();
    final List<Map<String, String>> settingsOpened = new ArrayList<>();

    private FakeClassifiers(ToIntFunction<Example> predictor, int killAfter) {
        this(predictor, predictor, killAfter);
    }

    private FakeClassifiers(ToIntFunction<Example> predictor, ToIntFunction<Example> baselinePredictor, int killAfter) {
        this.predictor = predictor;
        this.baselinePredictor = baselinePredictor;
        this.killAfter = killAfter;
    }

    /** Always wrong, except on a checkpoint directory named {@code fake-baseline}, where always right. */
    static FakeClassifiers worseThanBaseline() {
        return new FakeClassifiers(e -> 1 - e.label(), Example::label, Integer.MAX_VALUE);
    }

    /**
     * Always right, with a word-level tokenizer that knows only {@code words} (lower case; any
     * other word is the unknown token), so that it refuses tasks whose class names it lacks.
     */
    static FakeClassifiers knowing(Set<String> words) {
        FakeClassifiers classifiers = perfect();
        classifiers.vocabulary = Optional.of(Set.copyOf(words));
        return classifiers;
    }

    private PromptTokens tokenize(String text) {
        List<String> words = Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+"))
                .filter(w -> !w.isEmpty()).toList();
        long[] ids = new long[words.size()];
        int unknown = 0;
        for (int i = 0; i < ids.length; i++) {
            boolean known = vocabulary.orElseThrow().contains(words.get(i));
            ids[i] = known ? words.get(i).hashCode() : -1;
            unknown += known ? 0 : 1;
        }
        return new PromptTokens(ids, ids.length, unknown, false);
    }

    /** Predicts by {@code rule}. */
    static FakeClassifiers predicting(ToIntFunction<Example> rule) {
        return new FakeClassifiers(rule, Integer.MAX_VALUE);
    }

    /** Always right. */
    static FakeClassifiers perfect() {
        return new FakeClassifiers(Example::label, Integer.MAX_VALUE);
    }

    /** Always wrong (the other of two candidates). */
    static FakeClassifiers wrong() {
        return new FakeClassifiers(e -> 1 - e.label(), Integer.MAX_VALUE);
    }

    /** Right unless the id's hash is divisible by 3: deterministic, so reruns must agree. */
    static FakeClassifiers mixed() {
        return new FakeClassifiers(FakeClassifiers::mixedPrediction, Integer.MAX_VALUE);
    }

    static FakeClassifiers mixedKilledAfter(int examples) {
        return new FakeClassifiers(FakeClassifiers::mixedPrediction, examples);
    }

    private static int mixedPrediction(Example e) {
        return Math.floorMod(e.id().hashCode(), 3) == 0 ? 1 - e.label() : e.label();
    }

    @Override
    public LoadedCheckpoint open(Path checkpoint, RunSettings settings) {
        opened.add(checkpoint);
        settingsOpened.add(settings.classifier());
        ToIntFunction<Example> rule = checkpoint.getFileName().toString().equals("fake-baseline")
                ? baselinePredictor : predictor;
        ZeroShotClassifier rules = (examples, sink) -> {
            for (Example example : examples) {
                if (classified.size() >= killAfter) {
                    throw new IllegalStateException("simulated kill after " + killAfter + " examples");
                }
                classified.add(example.id());
                int predicted = rule.applyAsInt(example);
                double[] scores = new double[example.candidates().size()];
                for (int k = 0; k < scores.length; k++) {
                    scores[k] = k == predicted ? 1.0 : 2.0;
                }
                int[] counts = new int[scores.length];
                java.util.Arrays.fill(counts, 4);
                int[] dropped = new int[scores.length];
                java.util.Arrays.fill(dropped, -1);
                double[] softmax = new double[scores.length];
                java.util.Arrays.fill(softmax, 1.0 / scores.length);
                sink.accept(new Classification(example.id(), example.label(), predicted, scores, counts,
                        4L * scores.length, dropped, softmax, Optional.empty()));
            }
        };
        String name = "fake-" + checkpoint.getFileName();
        ZeroShotClassifier classifier = new ZeroShotClassifier() {
            @Override
            public void classify(List<Example> examples, Consumer<Classification> sink) {
                rules.classify(examples, sink);
            }

            @Override
            public Optional<String> cannotExpress(Task task) {
                return vocabulary.flatMap(v -> Expressibility.problem(name, task, FakeClassifiers.this::tokenize));
            }
        };
        return new LoadedCheckpoint(name, "fingerprint-" + checkpoint.getFileName(),
                "diffusion", classifier, java.util.Map.of("weighting", "fake"), () -> { });
    }
}
