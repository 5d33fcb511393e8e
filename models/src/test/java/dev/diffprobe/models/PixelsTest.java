package dev.diffprobe.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.awt.Color;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class PixelsTest {

    @Test
    void channelFirstInMinusOneToOne() {
        BufferedImage image = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, new Color(255, 0, 0).getRGB());
        image.setRGB(1, 0, new Color(0, 255, 0).getRGB());
        image.setRGB(0, 1, new Color(0, 0, 255).getRGB());
        image.setRGB(1, 1, new Color(128, 128, 128).getRGB());
        float[] chw = Pixels.chw(image, 2);
        assertThat(chw).hasSize(12);
        // red plane, then green, then blue; row-major within a plane
        assertThat(chw).containsExactly(new float[] {
            1, -1, -1, 128 / 127.5f - 1,
            -1, 1, -1, 128 / 127.5f - 1,
            -1, -1, 1, 128 / 127.5f - 1}, offset(1e-6f));
    }

    @Test
    void resizesToTheCheckpointResolution() {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                image.setRGB(x, y, new Color(0, 0, 255).getRGB());
            }
        }
        float[] chw = Pixels.chw(image, 8);
        assertThat(chw).hasSize(3 * 64);
        for (int i = 0; i < 64; i++) {
            assertThat(chw[i]).isEqualTo(-1f);
            assertThat(chw[128 + i]).isEqualTo(1f);
        }
    }
}
