package dev.diffprobe.tasks.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CifarBatchTest {
    @TempDir
    Path dir;

    /** One record: label byte(s), then flat red, green and blue planes. */
    private static byte[] record(int[] labels, int r, int g, int b) {
        byte[] out = new byte[labels.length + 3072];
        for (int i = 0; i < labels.length; i++) {
            out[i] = (byte) labels[i];
        }
        java.util.Arrays.fill(out, labels.length, labels.length + 1024, (byte) r);
        java.util.Arrays.fill(out, labels.length + 1024, labels.length + 2048, (byte) g);
        java.util.Arrays.fill(out, labels.length + 2048, labels.length + 3072, (byte) b);
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void readsLabelsAndPlanarColour() throws IOException {
        Path batch = Files.write(dir.resolve("test_batch.bin"),
                concat(record(new int[] {3}, 200, 10, 0), record(new int[] {9}, 1, 2, 250)));
        List<LabeledImage> images = CifarBatch.CIFAR10.read(batch);
        assertThat(images).extracting(LabeledImage::label).containsExactly(3, 9);
        BufferedImage first = images.get(0).image().load(32);
        assertThat(first.getRGB(5, 7) & 0xffffff).isEqualTo(200 << 16 | 10 << 8);
        assertThat(images.get(1).image().load(16).getRGB(0, 0) & 0xffffff).isEqualTo(1 << 16 | 2 << 8 | 250);
    }

    @Test
    void cifar100UsesTheFineLabel() throws IOException {
        Path batch = Files.write(dir.resolve("test.bin"), record(new int[] {4, 72}, 0, 0, 0));
        assertThat(CifarBatch.CIFAR100.read(batch)).extracting(LabeledImage::label).containsExactly(72);
    }

    @Test
    void wrongLengthsAndLabelsAreNamedErrors() throws IOException {
        Path cut = Files.write(dir.resolve("cut.bin"), java.util.Arrays.copyOf(record(new int[] {1}, 0, 0, 0), 3000));
        assertThatThrownBy(() -> CifarBatch.CIFAR10.read(cut)).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("cut.bin").hasMessageContaining("3073");
        Path label = Files.write(dir.resolve("label.bin"), record(new int[] {10}, 0, 0, 0));
        assertThatThrownBy(() -> CifarBatch.CIFAR10.read(label)).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("label 10");
    }
}
