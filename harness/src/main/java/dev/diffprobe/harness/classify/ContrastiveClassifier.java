package dev.diffprobe.harness.classify;

import dev.diffprobe.models.ContrastiveModel;
import dev.diffprobe.tasks.Candidate;
import dev.diffprobe.tasks.Example;
import dev.diffprobe.tasks.Task;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * CLIP-style zero-shot classification behind the same interface as {@link DiffusionClassifier}:
 * the candidate whose text embedding has the highest cosine similarity with the image's wins.
 * A template ensemble is the normalised mean of its prompts' normalised embeddings, as CLIP does.
 *
 * <p>To keep the {@link Classification} convention that lower scores are better, a candidate's
 * mean score is the cosine distance 1 - cos; the softmax of negated scores over the temperature
 * is then CLIP's softmax of similarities over the temperature. Counts are 1 and denoiser calls 0.
 */
public final class ContrastiveClassifier implements ZeroShotClassifier {
    private final ContrastiveModel model;
    private final double temperature;
    private final Map<String, float[]> textEmbeddings = new HashMap<>();

    /** @param temperature softmax temperature; CLIP's learned logit scale of 100 is 0.01 */
    public ContrastiveClassifier(ContrastiveModel model, double temperature) {
        if (!(temperature > 0) || !Double.isFinite(temperature)) {
            throw new SettingException(ClassifierSettings.TEMPERATURE, temperature, "expected a positive number");
        }
        this.model = model;
        this.temperature = temperature;
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
        for (Example example : examples) {
            try {
                sink.accept(classify(example));
            } catch (ExampleFailure e) {
                sink.accept(Classification.failed(example.id(), example.label(), e.getMessage()));
            }
        }
    }

    private Classification classify(Example example) throws ExampleFailure {
        int k = example.candidates().size();
        float[] image = unit(imageEmbedding(example), "image encoder for example " + example.id());
        double[] distance = new double[k];
        int best = 0;
        for (int c = 0; c < k; c++) {
            float[] text = candidateEmbedding(example.candidates().get(c));
            if (text.length != image.length) {
                throw new ExampleFailure("EmbeddingShape", "text embedding has " + text.length
                        + " values, image embedding " + image.length);
            }
            double cos = 0;
            for (int i = 0; i < image.length; i++) {
                cos += image[i] * text[i];
            }
            distance[c] = 1 - cos;
            if (distance[c] < distance[best]) {
                best = c;
            }
        }
        int[] ones = new int[k];
        int[] survived = new int[k];
        Arrays.fill(ones, 1);
        Arrays.fill(survived, -1);
        return new Classification(example.id(), example.label(), best, distance, ones, 0, survived,
                Softmax.ofNegated(distance, temperature), Optional.empty());
    }

    private float[] imageEmbedding(Example example) throws ExampleFailure {
        float[] pixels = ExamplePixels.load(example, model.resolution());
        try {
            return model.embedImage(pixels);
        } catch (RuntimeException e) {
            throw new ExampleFailure("EncodeFailed", "example " + example.id() + ": " + e.getMessage());
        }
    }

    private float[] candidateEmbedding(Candidate candidate) throws ExampleFailure {
        float[] mean = null;
        for (String prompt : candidate.prompts()) {
            float[] e = textEmbeddings.get(prompt);
            if (e == null) {
                try {
                    e = unit(model.embedText(prompt), "text encoder for prompt '" + prompt + "'");
                } catch (RuntimeException ex) {
                    throw new ExampleFailure("PromptRejected", "'" + prompt + "': " + ex.getMessage());
                }
                textEmbeddings.put(prompt, e);
            }
            if (mean == null) {
                mean = new float[e.length];
            }
            if (e.length != mean.length) {
                throw new ExampleFailure("EmbeddingShape", "prompts of candidate '" + candidate.name()
                        + "' embed to different lengths");
            }
            for (int i = 0; i < e.length; i++) {
                mean[i] += e[i];
            }
        }
        return unit(mean, "ensemble of candidate '" + candidate.name() + "'");
    }

    private static float[] unit(float[] v, String what) throws ExampleFailure {
        double norm = 0;
        for (float x : v) {
            norm += (double) x * x;
        }
        if (!Double.isFinite(norm)) {
            throw new ExampleFailure("NonFiniteOutput", what + " returned a non-finite vector");
        }
        if (norm == 0) {
            throw new ExampleFailure("ZeroEmbedding", what + " returned the zero vector, which has no direction");
        }
        float[] u = new float[v.length];
        double inv = 1 / Math.sqrt(norm);
        for (int i = 0; i < v.length; i++) {
            u[i] = (float) (v[i] * inv);
        }
        return u;
    }
}
