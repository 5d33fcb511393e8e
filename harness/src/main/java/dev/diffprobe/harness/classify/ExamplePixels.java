package dev.diffprobe.harness.classify;

import dev.diffprobe.models.Pixels;
import dev.diffprobe.tasks.Example;

import java.awt.image.BufferedImage;
import java.io.IOException;

/**
 * An example's image as the checkpoint's pixels, shared by both classifiers so that an unreadable
 * or wrongly sized image fails its example with the same named error whatever the model kind.
 */
final class ExamplePixels {
    private ExamplePixels() {
    }

    /** CHW pixels in [-1, 1] at {@code resolution}, or the example's named failure. */
    static float[] load(Example example, int resolution) throws ExampleFailure {
        BufferedImage image;
        try {
            image = example.image().load(resolution);
        } catch (IOException | RuntimeException e) {
            throw new ExampleFailure("ImageUnreadable", "example " + example.id() + ": " + e.getMessage());
        }
        if (image == null || image.getWidth() != resolution || image.getHeight() != resolution) {
            throw new ExampleFailure("ImageSize", "example " + example.id() + ": expected " + resolution + "x"
                    + resolution + ", got " + (image == null ? "no image" : image.getWidth() + "x" + image.getHeight()));
        }
        return Pixels.chw(image, resolution);
    }
}
