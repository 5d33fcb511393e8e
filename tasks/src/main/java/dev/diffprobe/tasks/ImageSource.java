package dev.diffprobe.tasks;

import java.awt.image.BufferedImage;
import java.io.IOException;

/**
 * Where an example's image comes from. Loading is deferred so that a task of thousands of
 * examples costs nothing until it runs, and so that an unreadable file fails only its example.
 */
@FunctionalInterface
public interface ImageSource {
    /** The image as a square RGB picture of {@code resolution} pixels (centre-cropped and resized). */
    BufferedImage load(int resolution) throws IOException;
}
