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
        RealData.require(RealData.shared(), "mnist-test");
        List<LabeledImage> images = DatasetCatalog.read("MNIST", List.of(RealData.shared()));
        assertThat(images).hasSize(10_000);
        assertThat(counts(images, 10)).containsExactly(980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009);
        BufferedImage digit = images.get(0).image().load(32);
        assertThat(digit.getWidth()).isEqualTo(32);
        int[] rgb = digit.getRGB(16, 16, 1, 1, null, 0, 1);
        assertThat((rgb[0] >> 16) & 0xff).isEqualTo((rgb[0] >> 8) & 0xff).isEqualTo(rgb[0] & 0xff);
    }

    @Test
    void cifar10SampleIsFiftyPerClass() throws IOException {
        RealData.require(RealData.shared(), "cifar10-test/test");
        Task task = DatasetCatalog.task("CIFAR10", List.of(RealData.shared()), Integer.MAX_VALUE, 0, 1);
        assertThat(task.examples()).hasSize(500);
        assertThat(IntStream.range(0, 10).map(c -> (int) task.examples().stream().filter(e -> e.label() == c).count()))
                .containsOnly(50);
        assertThat(task.examples().get(0).id()).isEqualTo("CIFAR10/airplane/0000.jpg");
        assertThat(task.examples().get(0).candidates().get(0).prompts()).containsExactly("a photo of a airplane.");
        BufferedImage plane = task.examples().get(0).image().load(64);
        assertThat(plane.getWidth()).isEqualTo(64);
        Task subsample = DatasetCatalog.task("CIFAR10", List.of(RealData.shared()), 100, 0, 1);
        assertThat(subsample.examples()).hasSize(100);
        assertThat(subsample.examples()).filteredOn(e -> e.label() == 9).hasSize(10);
    }

    @Test
    void fashionMnistTestSplitHasAThousandPerClass() throws IOException {
        RealData.require(RealData.debian(), "fashion-mnist");
        List<LabeledImage> images = DatasetCatalog.read("FashionMNIST", List.of(RealData.debian()));
        assertThat(images).hasSize(10_000);
        assertThat(counts(images, 10)).containsOnly(1000);
        assertThat(images.get(0).image().load(28).getWidth()).isEqualTo(28);
    }
}
