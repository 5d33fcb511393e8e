package dev.diffprobe.harness.classify;

import java.awt.image.BufferedImage;

/** Pictures to the flattened CHW floats in [-1, 1] the model contracts take. */
public final class Pixels {
    private Pixels() {
    }

    public static float[] toChw(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int plane = w * h;
        float[] chw = new float[3 * plane];
        int[] rgb = image.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < plane; i++) {
            int p = rgb[i];
            chw[i] = ((p >> 16) & 0xff) / 127.5f - 1f;
            chw[plane + i] = ((p >> 8) & 0xff) / 127.5f - 1f;
            chw[2 * plane + i] = (p & 0xff) / 127.5f - 1f;
        }
        return chw;
    }
}
