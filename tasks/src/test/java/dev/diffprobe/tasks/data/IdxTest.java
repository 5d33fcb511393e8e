package dev.diffprobe.tasks.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {
    @TempDir
    Path dir;

    /** {@code count} images of 2x3 pixels, pixel value = 10 * image + position; labels = image % 3. */
    static byte[] images(int count) {
        ByteBuffer b = ByteBuffer.allocate(16 + count * 6);
        b.putInt(0x00000803).putInt(count).putInt(2).putInt(3);
        for (int i = 0; i < count; i++) {
            for (int p = 0; p < 6; p++) {
                b.put((byte) (10 * i + p));
            }
        }
        return b.array();
    }

    static byte[] labels(int count) {
        ByteBuffer b = ByteBuffer.allocate(8 + count);
        b.putInt(0x00000801).putInt(count);
        for (int i = 0; i < count; i++) {
            b.put((byte) (i % 3));
        }
        return b.array();
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    @Test
    void readsPlainAndGzippedFilesAlike() throws IOException {
        Path plainImages = Files.write(dir.resolve("img"), images(4));
        Path plainLabels = Files.write(dir.resolve("lab"), labels(4));
        Path gzImages = Files.write(dir.resolve("img.gz"), gzip(images(4)));
        Path gzLabels = Files.write(dir.resolve("lab.gz"), gzip(labels(4)));
        for (List<LabeledImage> read : List.of(Idx.read(plainImages, plainLabels, 3), Idx.read(gzImages, gzLabels, 3))) {
            assertThat(read).extracting(LabeledImage::label).containsExactly(0, 1, 2, 0);
            BufferedImage third = read.get(2).image().load(2);
            assertThat(third.getRGB(0, 0) & 0xff).isEqualTo(20);
            assertThat(third.getRGB(1, 1) & 0xff).isEqualTo(24);
        }
        assertThat(Idx.read(plainImages, plainLabels, 3).get(3).id()).isEqualTo("img#3");
    }

    @Test
    void malformedFilesAreNamedErrors() throws IOException {
        Path labels = Files.write(dir.resolve("lab"), labels(4));
        byte[] wrongMagic = images(4);
        wrongMagic[3] = 0x02;
        Path badMagic = Files.write(dir.resolve("magic"), wrongMagic);
        assertThatThrownBy(() -> Idx.read(badMagic, labels, 3)).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining(badMagic.toString()).hasMessageContaining("magic");
        byte[] whole = images(4);
        Path truncated = Files.write(dir.resolve("short"), java.util.Arrays.copyOf(whole, whole.length - 1));
        assertThatThrownBy(() -> Idx.read(truncated, labels, 3)).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining(truncated.toString());
        Path fewer = Files.write(dir.resolve("few"), labels(3));
        assertThatThrownBy(() -> Idx.read(Files.write(dir.resolve("img"), images(4)), fewer, 3))
                .isInstanceOf(DatasetFormatException.class).hasMessageContaining("3 labels for 4 images");
        assertThatThrownBy(() -> Idx.read(dir.resolve("img"), labels, 2))
                .isInstanceOf(DatasetFormatException.class).hasMessageContaining("label 2");
        Path badGzip = Files.write(dir.resolve("bad.gz"), new byte[] {0x1f, (byte) 0x8b, 1, 2, 3});
        assertThatThrownBy(() -> Idx.read(badGzip, labels, 3)).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("gzip");
        assertThatThrownBy(() -> Idx.read(dir.resolve("absent"), labels, 3))
                .isInstanceOf(DatasetFormatException.class).hasMessageContaining("absent");
    }
}
