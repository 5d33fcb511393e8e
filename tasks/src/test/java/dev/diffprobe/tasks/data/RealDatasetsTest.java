package dev.diffprobe.tasks.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diffprobe.tasks.Task;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The readers on the real files at hand; each test skips with its reason when they are absent. */
class RealDatasetsTest {
    private static int[] counts(List<LabeledImage> images, int classes) {
        int[] counts = new int[classes];
        images.forEach(image -> counts[image.label()]++);
        return counts;
    }

    @Test
    void mnistTestLabelCounts() throws IOException {
        RealData.requireDataset(RealData.shared(), "MNIST");
        List<LabeledImage> images = DatasetCatalog.read("MNIST", List.of(RealData.shared()));
        assertThat(images.size()).isEqualTo(10_000);
        assertThat(counts(images, 10)).containsExactly(980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009);
        BufferedImage digit = images.get(0).image().load(32);
        assertThat(digit.getWidth()).isEqualTo(32);
        int[] rgb = digit.getRGB(16, 16, 1, 1, null, 0, 1);
        assertThat((rgb[0] >> 16) & 0xff).isEqualTo((rgb[0] >> 8) & 0xff).isEqualTo(rgb[0] & 0xff);
    }

    /**
     * The sample at hand (50 per class) and the full test set (1,000 per class, binary batch or
     * image folders) alike: every class equally often, and a balanced subsample of 100 takes 10
     * of each.
     */
    @Test
    void cifar10HasEveryClassEquallyOften() throws IOException {
        RealData.requireDataset(RealData.shared(), "CIFAR10");
        List<LabeledImage> images = DatasetCatalog.read("CIFAR10", List.of(RealData.shared()));
        int[] counts = counts(images, 10);
        assertThat(counts[0]).as("airplanes").isPositive();
        assertThat(counts).as("images per class").containsOnly(counts[0]);
        Task task = DatasetCatalog.task("CIFAR10", List.of(RealData.shared()), Integer.MAX_VALUE, 0, 1);
        assertThat(task.examples().size()).isEqualTo(images.size());
        assertThat(task.examples().get(0).id()).startsWith("CIFAR10/");
        assertThat(task.examples().get(0).candidates().get(0).prompts()).containsExactly("a photo of a airplane.");
        assertThat(task.examples().get(0).image().load(64).getWidth()).isEqualTo(64);
        Task subsample = DatasetCatalog.task("CIFAR10", List.of(RealData.shared()), 100, 0, 1);
        assertThat(subsample.examples().size()).isEqualTo(100);
        assertThat(IntStream.range(0, 10).map(c -> (int) subsample.examples().stream().filter(e -> e.label() == c)
                .count()).toArray()).containsOnly(10);
    }

    @Test
    void fashionMnistTestSplitHasAThousandPerClass() throws IOException {
        RealData.require(RealData.debian(), "fashion-mnist");
        List<LabeledImage> images = DatasetCatalog.read("FashionMNIST", List.of(RealData.debian()));
        assertThat(images.size()).isEqualTo(10_000);
        assertThat(counts(images, 10)).containsOnly(1000);
        assertThat(images.get(0).image().load(28).getWidth()).isEqualTo(28);
    }
}
