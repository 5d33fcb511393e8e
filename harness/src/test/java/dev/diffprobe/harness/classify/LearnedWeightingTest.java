package dev.diffprobe.harness.classify;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LearnedWeightingTest {
    /**
     * Three candidates; in buckets 0-4 the true candidate's mean error is lower by 1 (noise sd 1),
     * in the others the errors are noise of sd 3 with no label information at all.
     */
    private static List<LearnedWeighting.Features> informativeLowBuckets(int n, long seed) {
        Random random = new Random(seed);
        List<LearnedWeighting.Features> data = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int label = i % 3;
            double[][] e = new double[3][LearnedWeighting.BUCKETS];
            for (int k = 0; k < 3; k++) {
                for (int b = 0; b < LearnedWeighting.BUCKETS; b++) {
                    boolean informative = b < 5;
                    e[k][b] = 10 + (informative && k == label ? -1 : 0)
                            + random.nextGaussian() * (informative ? 1 : 3);
                }
            }
            data.add(new LearnedWeighting.Features(e, label));
        }
        return data;
    }

    @Test
    void theRegressionWeightsTheInformativeBucketsAndIgnoresPureNoise() {
        double[] w = LearnedWeighting.solve(informativeLowBuckets(600, 4));
        double informative = 0;
        double noise = 0;
        for (int b = 0; b < w.length; b++) {
            if (b < 5) {
                informative += w[b] / 5;
            } else {
                noise += Math.abs(w[b]) / 15;
            }
        }
        assertThat(informative).isPositive().isGreaterThan(10 * noise);
    }

    @Test
    void theFitIsTheMaximumOfThePenalisedLikelihood() {
        // Nudging any weight either way does not raise the likelihood (beyond the small L2 penalty's share).
        List<LearnedWeighting.Features> data = informativeLowBuckets(300, 9);
        double[] w = LearnedWeighting.solve(data);
        double[] nudged = w.clone();
        double base = meanLogLikelihood(w, data);
        for (int b = 0; b < w.length; b++) {
            for (double d : new double[] {-0.05, 0.05}) {
                nudged[b] = w[b] + d;
                assertThat(meanLogLikelihood(nudged, data)).isLessThan(base + 1e-3);
                nudged[b] = w[b];
            }
        }
    }

    private static double meanLogLikelihood(double[] w, List<LearnedWeighting.Features> data) {
        double sum = 0;
        for (LearnedWeighting.Features f : data) {
            double[] z = new double[f.meanErrors().length];
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < z.length; k++) {
                for (int b = 0; b < w.length; b++) {
                    z[k] -= w[b] * f.meanErrors()[k][b];
                }
                max = Math.max(max, z[k]);
            }
            double lse = 0;
            for (double x : z) {
                lse += Math.exp(x - max);
            }
            sum += z[f.label()] - max - Math.log(lse);
        }
        return sum / data.size();
    }

    @Test
    void aSeparableSplitStaysFinite() {
        List<LearnedWeighting.Features> data = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            double[][] e = new double[2][LearnedWeighting.BUCKETS];
            e[1 - i % 2][0] = 1;
            data.add(new LearnedWeighting.Features(e, i % 2));
        }
        double[] w = LearnedWeighting.solve(data);
        assertThat(w[0]).isPositive().isFinite();
        assertThat(w[1]).isZero();
    }

    @Test
    void aFittedWeightingIsSavedLoadedAndClassifies(@TempDir Path dir) throws IOException {
        FakeTask task = new FakeTask(3, 0.2);
        LearnedWeighting fitted = LearnedWeighting.fit(task.model(16, 0.6), task.examples(12), 11, 40);
        assertThat(fitted.zeroShot()).isFalse();
        assertThat(fitted.checkpoint()).contains("fake-0.6");
        Path file = dir.resolve("weighting.csv");
        fitted.save(file, "fitted on 12 examples");
        assertThat(Files.readString(file)).startsWith("# Learned weighting").contains("NOT zero-shot")
                .contains("# checkpoint: fake-0.6");
        LearnedWeighting loaded = LearnedWeighting.load(file);
        assertThat(loaded.weights()).containsExactly(fitted.weights());
        assertThat(loaded.checkpoint()).contains("fake-0.6");
        ClassifierSettings s = ClassifierSettings.builder().setSeed(5).opt("weighting", "learned")
                .opt("weightingFile", file.toString()).optMaxScores(100).build();
        assertThat(s.weighting().name()).isEqualTo("learned(weighting.csv)");
        List<Classification> results = new ArrayList<>();
        new DiffusionClassifier(task.model(16, 0.6), s).classify(task.examples(6), results::add);
        assertThat(results).hasSize(6).allSatisfy(c -> assertThat(c.error()).isEmpty());
    }

    @Test
    void weightsFittedOnAnotherCheckpointAreRefused(@TempDir Path dir) throws IOException {
        FakeTask task = new FakeTask(2, 0.2);
        Path file = dir.resolve("weighting.csv");
        LearnedWeighting.fit(task.model(16, 0.6), task.examples(8), 11, 20).save(file, "test");
        ClassifierSettings s = ClassifierSettings.builder().setSeed(5).opt("weighting", "learned")
                .opt("weightingFile", file.toString()).build();
        assertThatThrownBy(() -> new DiffusionClassifier(task.model(16, 0.3), s))
                .isInstanceOf(SettingException.class).hasMessageContaining("'weightingFile'")
                .hasMessageContaining("fitted on checkpoint fake-0.6").hasMessageContaining("fake-0.3");
    }

    @Test
    void aFailingHeldOutExampleIsNamed() {
        FakeTask task = new FakeTask(2, 0.2);
        FakeDiffusionModel broken = new FakeDiffusionModel(FakeTask.RESOLUTION, 16, 0.6, task.means,
                FakeTask.prompt(1));
        assertThatThrownBy(() -> LearnedWeighting.fit(broken, task.examples(4), 1, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("held-out examples failed")
                .hasMessageContaining("NonFiniteOutput");
    }

    @Test
    void aBrokenFileIsNamed(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, "t_low,t_high,weight\n0.0,0.05,1.0\n");
        assertThatThrownBy(() -> LearnedWeighting.load(file)).isInstanceOf(SettingException.class)
                .hasMessageContaining("'weightingFile'").hasMessageContaining("bad.csv")
                .hasMessageContaining("1 buckets, expected 20");
        Path missing = dir.resolve("missing.csv");
        assertThatThrownBy(() -> LearnedWeighting.load(missing)).isInstanceOf(SettingException.class)
                .hasMessageContaining("missing.csv").hasMessageContaining("cannot be read");
        StringBuilder text = new StringBuilder("t_low,t_high,weight\n");
        for (int b = 0; b < 20; b++) {
            text.append(b / 20.0).append(',').append((b + 1) / 20.0).append(',').append(b == 7 ? "heavy" : "1").append('\n');
        }
        Files.writeString(file, text);
        assertThatThrownBy(() -> LearnedWeighting.load(file)).isInstanceOf(SettingException.class)
                .hasMessageContaining("bad.csv");
    }
}
