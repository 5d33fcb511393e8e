package dev.diffprobe.reports.plot;

import dev.diffprobe.harness.classify.Classification;
import dev.diffprobe.harness.stats.Interval;
import dev.diffprobe.harness.stats.WilsonInterval;
import dev.diffprobe.reports.calibration.Calibration;
import dev.diffprobe.reports.calibration.CalibrationSplit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every chart is written, decodes as a PNG of the size it promises and is not blank. The files
 * stay under target/charts-test for a look by eye.
 */
class ChartsTest {

    private static final Path DIR = Path.of("target", "charts-test");

    @BeforeAll
    static void clean() throws IOException {
        Files.createDirectories(DIR);
    }

    @Test
    void confusionMatrix() throws IOException {
        long[][] counts = {{40, 10, 0}, {5, 30, 15}, {0, 2, 48}};
        Path png = ConfusionMatrixChart.write(DIR.resolve("confusion.png"), "Color: confusion matrix",
                List.of("red", "green", "blue"), counts);
        BufferedImage image = decode(png);
        assertThat(image.getHeight()).isEqualTo(Png.HEIGHT);
        assertThat(image.getWidth()).isEqualTo(Png.HEIGHT + 160);
    }

    @Test
    void confusionMatrixRejectsARaggedTable() {
        assertThatThrownBy(() -> ConfusionMatrixChart.write(DIR.resolve("bad.png"), "bad",
                List.of("a", "b"), new long[][] {{1, 2}, {3}}))
                .hasMessageContaining("row 1 has 1 columns for 2 classes");
    }

    @Test
    void reliabilityDiagram() throws IOException {
        Calibration calibration = Calibration.platt(syntheticResults(400), CalibrationSplit.defaults());
        Path png = ReliabilityChart.write(DIR.resolve("reliability.png"), "ShapeColor", calibration);
        assertSize(decode(png), Png.WIDTH, Png.HEIGHT);
    }

    @Test
    void accuracyVsCalls() throws IOException {
        List<ComputePoint> points = List.of(
                new ComputePoint("naive", "", 4000, 0.80, WilsonInterval.of(160, 200)),
                new ComputePoint("shared", "", 4000, 0.84, WilsonInterval.of(168, 200)),
                new ComputePoint("pruned", "cutoff 2e-3", 120, 0.83, WilsonInterval.of(166, 200)),
                new ComputePoint("pruned", "cutoff 1e-1", 45, 0.78, WilsonInterval.of(156, 200)));
        Path png = AccuracyVsCallsChart.write(DIR.resolve("compute.png"), "Accuracy vs compute", points);
        assertSize(decode(png), Png.WIDTH, Png.HEIGHT);
    }

    @Test
    void accuracyVsCallsWithinOneDecade() throws IOException {
        List<ComputePoint> points = List.of(
                new ComputePoint("tiny (diffusion)", "pruned", 22.6, 0.54, WilsonInterval.of(43, 80)),
                new ComputePoint("baseline: tiny-early (diffusion)", "pruned", 23.4, 0.51, WilsonInterval.of(41, 80)));
        Path png = AccuracyVsCallsChart.write(DIR.resolve("compute-one-decade.png"), "Within one decade", points);
        assertSize(decode(png), Png.WIDTH, Png.HEIGHT);
    }

    @Test
    void taskAccuracy() throws IOException {
        List<TaskBar> bars = new ArrayList<>();
        String[] tasks = {"Shape", "Color", "ShapeColor", "ColorShape", "ShapeSize", "SizeShape", "Position"};
        for (int i = 0; i < tasks.length; i++) {
            int right = 110 + 12 * i;
            bars.add(new TaskBar(tasks[i], "tiny-clevr-diffusion", right / 200.0,
                    WilsonInterval.of(right, 200), 0.5, OptionalDouble.of(0.55)));
            bars.add(new TaskBar(tasks[i], "baseline (early)", (right - 15) / 200.0,
                    WilsonInterval.of(right - 15, 200), 0.5, OptionalDouble.of(0.55)));
        }
        Path png = TaskAccuracyChart.write(DIR.resolve("tasks.png"), "binding: accuracy per task", bars);
        assertSize(decode(png), Png.WIDTH, Png.HEIGHT);
    }

    @Test
    void taskAccuracyWidensForManyTasks() throws IOException {
        List<TaskBar> bars = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            bars.add(new TaskBar("Task" + i, "model", 0.6, new Interval(0.55, 0.65), 0.5, OptionalDouble.empty()));
        }
        Path png = TaskAccuracyChart.write(DIR.resolve("tasks-20.png"), "twenty tasks", bars);
        assertThat(decode(png).getWidth()).isGreaterThan(Png.WIDTH);
    }

    @Test
    void scoreTrace() throws IOException {
        SplittableRandom random = new SplittableRandom(3);
        List<ScorePoint> points = new ArrayList<>();
        for (int round = 0; round < 40; round++) {
            double t = random.nextDouble();
            double error = 0.05 + 0.5 * t;
            points.add(new ScorePoint("A red cube.", t, Math.exp(-7 * t) * error));
            points.add(new ScorePoint("A blue cube.", t, Math.exp(-7 * t) * error * 1.2));
        }
        Path png = ScoreTraceChart.write(DIR.resolve("trace.png"), "ShapeColor-3: weighted score vs t", points);
        assertSize(decode(png), Png.WIDTH, Png.HEIGHT);
    }

    @Test
    void regression() throws IOException {
        List<PairedDifference> tasks = List.of(
                new PairedDifference("Shape", -0.08, new Interval(-0.13, -0.03), 25, 9, 0.004),
                new PairedDifference("Color", 0.01, new Interval(-0.03, 0.05), 10, 12, 0.42));
        Path png = RegressionChart.write(DIR.resolve("regression.png"), "binding: candidate vs baseline",
                "tiny", "tiny-early", tasks);
        assertSize(decode(png), Png.WIDTH, Png.HEIGHT);
    }

    /** Results whose correctness falls with the number of calls, as under pruning. */
    static List<Classification> syntheticResults(int n) {
        SplittableRandom random = new SplittableRandom(7);
        List<Classification> results = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long calls = 40 + random.nextInt(4000);
            boolean correct = random.nextDouble() < 1 / (1 + Math.exp(0.0015 * calls - 3));
            int label = random.nextInt(2);
            int predicted = correct ? label : 1 - label;
            double[] scores = {0.1 + 0.01 * random.nextDouble(), 0.1 + 0.01 * random.nextDouble()};
            results.add(new Classification("ex-" + i, label, predicted, scores, new int[] {20, 20}, calls,
                    new int[] {-1, -1}, new double[] {0.5, 0.5}, Optional.empty()));
        }
        return results;
    }

    private static BufferedImage decode(Path png) throws IOException {
        assertThat(Files.size(png)).isGreaterThan(1000);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("%s decodes as an image", png).isNotNull();
        assertThat(distinctColours(image)).as("%s is not blank", png).isGreaterThan(3);
        return image;
    }

    private static int distinctColours(BufferedImage image) {
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 4) {
            for (int x = 0; x < image.getWidth(); x += 4) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }

    private static void assertSize(BufferedImage image, int width, int height) {
        assertThat(image.getWidth()).isEqualTo(width);
        assertThat(image.getHeight()).isEqualTo(height);
    }
}
