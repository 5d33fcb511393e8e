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
    @Test
    void theRegressionWeightsTheInformativeBucketsAndIgnoresPureNoise() {
        // Buckets 0-4 carry the label (mean difference 1, noise 1); the rest are noise only.
        Random random = new Random(4);
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            double[] f = new double[LearnedWeighting.BUCKETS];
            for (int b = 0; b < f.length; b++) {
                f[b] = (b < 5 ? 1 : 0) + random.nextGaussian() * (b < 5 ? 1 : 3);
            }
            rows.add(f);
        }
        double[] w = LearnedWeighting.solve(rows);
        double informative = 0;
        double noise = 0;
        for (int b = 0; b < w.length; b++) {
            if (b < 5) {
                informative += w[b] / 5;
            } else {
                noise += Math.abs(w[b]) / 15;
            }
        }
        assertThat(informative).isGreaterThan(5 * noise);
        assertThat(java.util.Arrays.stream(w).map(Math::abs).max().getAsDouble()).isEqualTo(1.0);
    }

    @Test
    void aFittedWeightingIsSavedLoadedAndClassifies(@TempDir Path dir) throws IOException {
        FakeTask task = new FakeTask(3, 0.2);
        LearnedWeighting fitted = LearnedWeighting.fit(task.model(16, 0.6), task.examples(12), 11, 40);
        assertThat(fitted.zeroShot()).isFalse();
        Path file = dir.resolve("weighting.csv");
        fitted.save(file);
        assertThat(Files.readString(file)).startsWith("# Learned weighting").contains("NOT zero-shot");
        LearnedWeighting loaded = LearnedWeighting.load(file);
        assertThat(loaded.weights()).containsExactly(fitted.weights());
        ClassifierSettings s = ClassifierSettings.builder().setSeed(5).opt("weighting", "learned")
                .opt("weightingFile", file.toString()).optMaxScores(100).build();
        assertThat(s.weighting().name()).isEqualTo("learned(weighting.csv)");
        List<Classification> results = new ArrayList<>();
        new DiffusionClassifier(task.model(16, 0.6), s).classify(task.examples(6), results::add);
        assertThat(results).hasSize(6).allSatisfy(c -> assertThat(c.error()).isEmpty());
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
