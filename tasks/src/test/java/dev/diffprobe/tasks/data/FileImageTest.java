package dev.diffprobe.tasks.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileImageTest {
    @TempDir
    Path dir;

    private byte[] png(int w, int h) throws IOException {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < w; x++) {
            for (int y = 0; y < h; y++) {
                image.setRGB(x, y, (x * 7 + y * 13) * 0x010203);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    @Test
    void loadsAtTheResolutionAsked() throws IOException {
        Path file = Files.write(dir.resolve("wide.png"), png(48, 32));
        BufferedImage image = new FileImage(file).load(16);
        assertThat(image.getWidth()).isEqualTo(16);
        assertThat(image.getHeight()).isEqualTo(16);
    }

    @Test
    void garbageTruncatedAndMissingFilesAreNamedErrors() throws IOException {
        Path garbage = Files.write(dir.resolve("garbage.png"), "not an image at all".getBytes());
        byte[] whole = png(40, 40);
        Path truncated = Files.write(dir.resolve("truncated.png"), Arrays.copyOf(whole, whole.length / 2));
        Path missing = dir.resolve("missing.png");
        for (Path bad : new Path[] {garbage, truncated, missing, dir}) {
            assertThatThrownBy(() -> new FileImage(bad).load(8))
                    .isInstanceOf(UnreadableImageException.class)
                    .hasMessageContaining(bad.toString());
        }
    }
}
