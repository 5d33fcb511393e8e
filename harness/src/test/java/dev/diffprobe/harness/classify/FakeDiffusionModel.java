package dev.diffprobe.harness.classify;

import dev.diffprobe.models.DiffusionModel;
import dev.diffprobe.models.NoiseSchedule;
import dev.diffprobe.models.PromptTokens;
import dev.diffprobe.models.TextEmbedding;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A pixel-space denoiser with an analytically known answer: each prompt stands for a clean image
 * m_p, and x0_hat(x_t, p, t) = m_p + gamma (x_t - alpha_t m_p). For an image x = m_y:
 * x - x0_hat = -gamma sigma_t eps for the true prompt (exact when gamma = 0) and
 * (1 - gamma alpha_t)(m_y - m_p) - gamma sigma_t eps for any other. gamma > 0 lets the noise eps
 * into both errors, which is what sharing eps across candidates cancels.
 */
public class FakeDiffusionModel implements DiffusionModel {
    /** A cosine schedule: alpha = cos(pi t / 2), sigma = sin(pi t / 2). */
    public static final NoiseSchedule COSINE = new NoiseSchedule() {
        @Override
        public double alpha(double t) {
            return Math.cos(Math.PI * t / 2);
        }

        @Override
        public double sigma(double t) {
            return Math.sin(Math.PI * t / 2);
        }

        @Override
        public double snrDerivative(double t) {
            double c = 1 / Math.tan(Math.PI * t / 2);
            double s = 1 / Math.sin(Math.PI * t / 2);
            return -Math.PI * c * s * s;
        }

        @Override
        public float timestep(double t) {
            return (float) (t * 999);
        }
    };

    private final int resolution;
    private final int maxBatch;
    private final double gamma;
    private final Map<String, float[]> means;
    private final String nanPrompt;
    final Map<String, Integer> textEncodings = new HashMap<>();
    final List<Integer> batchSizes = new ArrayList<>();
    int imageEncodings;

    FakeDiffusionModel(int resolution, int maxBatch, double gamma, Map<String, float[]> means, String nanPrompt) {
        this.resolution = resolution;
        this.maxBatch = maxBatch;
        this.gamma = gamma;
        this.means = means;
        this.nanPrompt = nanPrompt;
    }

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public String fingerprint() {
        return "fake-" + gamma;
    }

    @Override
    public int resolution() {
        return resolution;
    }

    @Override
    public int latentSize() {
        return 3 * resolution * resolution;
    }

    @Override
    public NoiseSchedule schedule() {
        return COSINE;
    }

    @Override
    public int maxBatch() {
        return maxBatch;
    }

    @Override
    public float[] encodeImage(float[] pixels) {
        imageEncodings++;
        return pixels.clone();
    }

    /** Words of the prompts it knows are its vocabulary: a word's id is its hash, any other word is 1. */
    @Override
    public PromptTokens tokenize(String prompt) {
        java.util.Set<String> vocabulary = new java.util.HashSet<>();
        means.keySet().forEach(p -> vocabulary.addAll(List.of(p.split(" "))));
        String[] words = prompt.split(" ");
        long[] ids = new long[words.length];
        int unknown = 0;
        for (int i = 0; i < words.length; i++) {
            boolean known = vocabulary.contains(words[i]);
            ids[i] = known ? words[i].hashCode() : 1;
            unknown += known ? 0 : 1;
        }
        return new PromptTokens(ids, words.length, unknown, false);
    }

    @Override
    public TextEmbedding encodeText(String prompt) {
        if (!means.containsKey(prompt)) {
            throw new IllegalArgumentException("unknown prompt " + prompt);
        }
        textEncodings.merge(prompt, 1, Integer::sum);
        float[] codes = new float[prompt.length()];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = prompt.charAt(i);
        }
        return new TextEmbedding(prompt, codes, codes.length, 1);
    }

    @Override
    public float[][] predictX0(List<float[]> xt, float[] t, List<TextEmbedding> cond) {
        if (xt.size() > maxBatch || xt.size() != t.length || xt.size() != cond.size()) {
            throw new IllegalArgumentException("bad batch of " + xt.size());
        }
        batchSizes.add(xt.size());
        float[][] out = new float[xt.size()][];
        for (int i = 0; i < xt.size(); i++) {
            float[] m = means.get(cond.get(i).prompt());
            float a = (float) COSINE.alpha(t[i]);
            float[] x0 = new float[m.length];
            for (int j = 0; j < m.length; j++) {
                x0[j] = cond.get(i).prompt().equals(nanPrompt) ? Float.NaN
                        : (float) (m[j] + gamma * (xt.get(i)[j] - a * m[j]));
            }
            out[i] = x0;
        }
        return out;
    }

    int images() {
        return batchSizes.stream().mapToInt(Integer::intValue).sum();
    }

    @Override
    public void close() {
    }
}
