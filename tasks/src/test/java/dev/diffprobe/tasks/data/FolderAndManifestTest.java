package dev.diffprobe.tasks.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderAndManifestTest {
    @TempDir
    Path dir;

    @BeforeEach
    void images() throws IOException {
        for (String file : List.of("cat/b.png", "cat/a.png", "dog/x.png")) {
            Files.createDirectories(dir.resolve(file).getParent());
            ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", dir.resolve(file).toFile());
        }
        Files.writeString(dir.resolve("cat/.hidden.png"), "x");
        Files.writeString(dir.resolve("cat/notes.txt"), "x");
    }

    @Test
    void aFolderPerClassInTheOrderGiven() throws IOException {
        List<LabeledImage> images = ImageFolder.read(dir, List.of("dog", "cat"));
        assertThat(images).extracting(LabeledImage::id).containsExactly("dog/x.png", "cat/a.png", "cat/b.png");
        assertThat(images).extracting(LabeledImage::label).containsExactly(0, 1, 1);
        assertThatThrownBy(() -> ImageFolder.read(dir, List.of("cat", "bird")))
                .isInstanceOf(DatasetFormatException.class).hasMessageContaining("'bird'");
    }

    @Test
    void aManifestTakesClassNamesOrIndices() throws IOException {
        Path csv = Files.writeString(dir.resolve("test.csv"), "path,label\ncat/a.png,cat\ndog/x.png,0\n");
        List<LabeledImage> images = Manifest.read(csv, List.of("dog", "cat"));
        assertThat(images).extracting(LabeledImage::label).containsExactly(1, 0);
        assertThat(images.get(0).image().load(4).getWidth()).isEqualTo(4);
    }

    @Test
    void badManifestsAreNamedErrors() throws IOException {
        Path escape = Files.writeString(dir.resolve("escape.csv"), "path,label\n../../etc/passwd,cat\n");
        assertThatThrownBy(() -> Manifest.read(escape, List.of("cat")))
                .isInstanceOf(DatasetFormatException.class).hasMessageContaining("escape.csv line 2:")
                .hasMessageContaining("stay inside");
        Path label = Files.writeString(dir.resolve("label.csv"), "path,label\ncat/a.png,cow\n");
        assertThatThrownBy(() -> Manifest.read(label, List.of("cat")))
                .isInstanceOf(DatasetFormatException.class).hasMessageContaining("'cow'");
        Path header = Files.writeString(dir.resolve("header.csv"), "file,class\ncat/a.png,cat\n");
        assertThatThrownBy(() -> Manifest.read(header, List.of("cat")))
                .isInstanceOf(DatasetFormatException.class).hasMessageContaining("'path' and 'label'");
        Path ragged = Files.writeString(dir.resolve("ragged.csv"), "path,label\ncat/a.png\n");
        assertThatThrownBy(() -> Manifest.read(ragged, List.of("cat")))
                .isInstanceOf(DatasetFormatException.class).hasMessageContaining("ragged.csv line 2:");
    }

    @Test
    void errorsNameTheLineAnEditorShows() throws IOException {
        Path csv = Files.writeString(dir.resolve("lines.csv"),
                "path,label\n\ncat/a.png,cat\n\"cat/\nb.png\",cat\ndog/x.png,0\ncat/b.png,cow\n");
        assertThatThrownBy(() -> Manifest.read(csv, List.of("dog", "cat")))
                .isInstanceOf(DatasetFormatException.class).hasMessageContaining("lines.csv line 7: label 'cow'");
    }

    @Test
    void aManifestWithOnlyAHeaderIsAnErrorNotAnEmptyDataset() throws IOException {
        Path csv = Files.writeString(dir.resolve("empty.csv"), "path,label\n");
        assertThatThrownBy(() -> Manifest.read(csv, List.of("cat")))
                .isInstanceOf(DatasetFormatException.class).hasMessageContaining("empty.csv: no images listed");
    }

    @Test
    void aManifestThatIsNotUtf8IsAnError() throws IOException {
        Path csv = Files.write(dir.resolve("latin1.csv"),
                "path,label\ncat/a.png,c\u00f6t\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> Manifest.read(csv, List.of("c\u00f6t")))
                .isInstanceOf(DatasetFormatException.class).hasMessageContaining("latin1.csv: not UTF-8");
    }

    @Test
    void aListedButMissingImageFailsOnlyWhenLoaded() throws IOException {
        Path csv = Files.writeString(dir.resolve("gone.csv"), "path,label\ncat/gone.png,cat\n");
        LabeledImage gone = Manifest.read(csv, List.of("cat")).get(0);
        assertThatThrownBy(() -> gone.image().load(8)).isInstanceOf(UnreadableImageException.class)
                .hasMessageContaining("gone.png");
    }
}
