package dev.diffprobe.tasks.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.diffprobe.tasks.Task;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetCatalogTest {
    @TempDir
    Path root;

    @Test
    void knowsThePapersThirteenDatasetsAndFashionMnist() {
        assertThat(DatasetCatalog.names()).containsExactlyInAnyOrder("CIFAR10", "CIFAR100", "STL10", "MNIST",
                "DTD", "PatchCamelyon", "SVHN", "EuroSAT", "StanfordCars", "ImageNet", "Caltech101", "OxfordPets",
                "Food101", "FashionMNIST");
        for (String name : DatasetCatalog.names()) {
            assertThat(DatasetCatalog.entry(name).source()).as(name).startsWith("http");
            assertThat(ClassPrompts.DATASETS).contains(name);
        }
    }

    @Test
    void missingDataNamesThePathExpectedAndTheSource() {
        assertThatThrownBy(() -> DatasetCatalog.read("MNIST", List.of(root, root.resolve("other"))))
                .isInstanceOf(MissingDataException.class)
                .hasMessage("missing data for MNIST: expected " + root.resolve("mnist/t10k-images-idx3-ubyte.gz")
                        + ", get it from http://yann.lecun.com/exdb/mnist/");
        assertThatThrownBy(() -> DatasetCatalog.read("Flowers102", List.of(root)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Flowers102");
    }

    @Test
    void buildsATaskFromAManifestDataset() throws IOException {
        Files.createDirectories(root.resolve("pcam/img"));
        StringBuilder csv = new StringBuilder("path,label\n");
        for (int i = 0; i < 6; i++) {
            ImageIO.write(new BufferedImage(9, 9, BufferedImage.TYPE_INT_RGB), "png",
                    root.resolve("pcam/img/" + i + ".png").toFile());
            csv.append("img/").append(i).append(".png,").append(i < 4 ? 0 : 1).append('\n');
        }
        Files.writeString(root.resolve("pcam/test.csv"), csv);
        Task task = DatasetCatalog.task("PatchCamelyon", List.of(root.resolve("elsewhere"), root), 4, 0, 1);
        assertThat(task.name()).isEqualTo("PatchCamelyon");
        assertThat(task.chance()).isEqualTo(0.5);
        assertThat(task.examples()).hasSize(4);
        assertThat(task.examples()).filteredOn(e -> e.label() == 1).hasSize(2);
        assertThat(task.examples().get(0).id()).startsWith("PatchCamelyon/img/");
        assertThat(task.examples().get(0).candidates().get(1).prompts())
                .containsExactly("this is a photo of lymph node containing metastatic tumor tissue");
        assertThat(task.examples().get(0).attributes()).containsEntry("class", "lymph node");
        assertThat(task.examples().get(0).image().load(8).getWidth()).isEqualTo(8);
    }

    @Test
    void dataRootsSplitOnThePathSeparator() {
        assertThat(DatasetCatalog.roots("a" + java.io.File.pathSeparator + " b ")).containsExactly(Path.of("a"), Path.of("b"));
    }
}
