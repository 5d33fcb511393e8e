package dev.diffprobe.tasks.data;

import dev.diffprobe.tasks.ImageSource;
import java.awt.image.BufferedImage;

/**
 * An image held as 8-bit samples inside a dataset file's bytes (IDX, CIFAR): {@code channels}
 * is 1 (gray) or 3 (RGB, stored plane after plane as CIFAR does).
 */
record PixelImage(byte[] data, int offset, int width, int height, int channels) implements ImageSource {
    PixelImage {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("pixel images have 1 or 3 channels, got " + channels);
        }
    }

    @Override
    public BufferedImage load(int resolution) {
        BufferedImage image = new BufferedImage(width, height,
                channels == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        int plane = width * height;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = offset + y * width + x;
                if (channels == 1) {
                    image.getRaster().setSample(x, y, 0, data[i] & 0xff);
                } else {
                    image.setRGB(x, y, ((data[i] & 0xff) << 16) | ((data[i + plane] & 0xff) << 8)
                            | (data[i + 2 * plane] & 0xff));
                }
            }
        }
        return Preprocessing.square(image, resolution);
    }
}
