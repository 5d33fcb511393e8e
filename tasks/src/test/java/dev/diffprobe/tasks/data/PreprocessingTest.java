package dev.diffprobe.tasks.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class PreprocessingTest {
    private static int[] rgb(BufferedImage image, int x, int y) {
        int p = image.getRGB(x, y);
        return new int[] {(p >> 16) & 0xff, (p >> 8) & 0xff, p & 0xff};
    }

    @Test
    void cropsTheCentreSquareOfAWideImage() {
        BufferedImage wide = new BufferedImage(6, 4, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 6; x++) {
            for (int y = 0; y < 4; y++) {
                wide.setRGB(x, y, x * 40 << 16);
            }
        }
        BufferedImage out = Preprocessing.square(wide, 4);
        assertThat(out.getWidth()).isEqualTo(4);
        assertThat(out.getHeight()).isEqualTo(4);
        assertThat(rgb(out, 0, 0)[0]).isEqualTo(40);
        assertThat(rgb(out, 3, 3)[0]).isEqualTo(160);
    }

    @Test
    void shrinkingAveragesTheCoveredArea() {
        BufferedImage checker = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 4; x++) {
            for (int y = 0; y < 4; y++) {
                checker.setRGB(x, y, (x + y) % 2 == 0 ? 0xffffff : 0);
            }
        }
        BufferedImage half = Preprocessing.square(checker, 2);
        assertThat(rgb(half, 0, 0)).containsExactly(128, 128, 128);
        assertThat(rgb(half, 1, 1)).containsExactly(128, 128, 128);
        BufferedImage third = Preprocessing.square(checker, 3);
        assertThat(rgb(third, 1, 1)).containsExactly(128, 128, 128);
    }

    @Test
    void enlargingKeepsFlatColourAndInterpolatesEdges() {
        BufferedImage two = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        two.setRGB(0, 0, 0x000000);
        two.setRGB(0, 1, 0x000000);
        two.setRGB(1, 0, 0xc8c8c8);
        two.setRGB(1, 1, 0xc8c8c8);
        BufferedImage four = Preprocessing.square(two, 4);
        assertThat(rgb(four, 0, 0)[0]).isZero();
        assertThat(rgb(four, 1, 2)[0]).isEqualTo(50);
        assertThat(rgb(four, 2, 0)[0]).isEqualTo(150);
        assertThat(rgb(four, 3, 3)[0]).isEqualTo(200);
    }

    @Test
    void grayBecomesRgbWithItsValuesUnchanged() {
        BufferedImage gray = new BufferedImage(3, 3, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSample(1, 1, 0, 100);
        BufferedImage out = Preprocessing.square(gray, 3);
        assertThat(out.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertThat(rgb(out, 1, 1)).containsExactly(100, 100, 100);
        BufferedImage deep = new BufferedImage(1, 1, BufferedImage.TYPE_USHORT_GRAY);
        deep.getRaster().setSample(0, 0, 0, 65535);
        assertThat(rgb(Preprocessing.square(deep, 1), 0, 0)).containsExactly(255, 255, 255);
    }
}
