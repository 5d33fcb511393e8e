package dev.diffprobe.models;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * Images to the pixel arrays checkpoints take: RGB, channel-first, value / 127.5 - 1 in [-1, 1].
 * Alpha is ignored; grey images are repeated over the three channels.
 */
public final class Pixels {

    private Pixels() {
    }

    /** {@code [3 * side * side]} values; the image is resized (bilinear) when it is not side x side. */
    public static float[] chw(BufferedImage image, int side) {
        if (side <= 0) {
            throw new IllegalArgumentException("side must be positive, got " + side);
        }
        BufferedImage square = image.getWidth() == side && image.getHeight() == side ? image : resize(image, side);
        int plane = side * side;
        float[] values = new float[3 * plane];
        int[] row = new int[side];
        for (int y = 0; y < side; y++) {
            square.getRGB(0, y, side, 1, row, 0, side);
            for (int x = 0; x < side; x++) {
                int rgb = row[x];
                int at = y * side + x;
                values[at] = ((rgb >> 16) & 0xff) / 127.5f - 1f;
                values[plane + at] = ((rgb >> 8) & 0xff) / 127.5f - 1f;
                values[2 * plane + at] = (rgb & 0xff) / 127.5f - 1f;
            }
        }
        return values;
    }

    private static BufferedImage resize(BufferedImage image, int side) {
        BufferedImage resized = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = resized.createGraphics();
        try {
            graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            graphics.drawImage(image, 0, 0, side, side, null);
        } finally {
            graphics.dispose();
        }
        return resized;
    }
}
