package dev.diffprobe.tasks.data;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/**
 * The paper's preprocessing: centre-crop to a square, resize to the checkpoint's resolution,
 * grayscale to RGB. Shrinking averages the covered source area (box filter) so that large
 * images do not alias; enlarging is bilinear (pixel centres aligned, edges clamped).
 */
public final class Preprocessing {
    private Preprocessing() {
    }

    /** {@code image} as a {@code resolution}×{@code resolution} RGB picture. */
    public static BufferedImage square(BufferedImage image, int resolution) {
        if (resolution < 1) {
            throw new IllegalArgumentException("resolution must be positive, got " + resolution);
        }
        int side = Math.min(image.getWidth(), image.getHeight());
        int x0 = (image.getWidth() - side) / 2;
        int y0 = (image.getHeight() - side) / 2;
        float[][] rgb = rgb(image, x0, y0, side);
        float[][] resized = new float[3][];
        for (int c = 0; c < 3; c++) {
            resized[c] = resolution < side ? shrink(rgb[c], side, resolution)
                    : resolution > side ? enlarge(rgb[c], side, resolution) : rgb[c];
        }
        BufferedImage out = new BufferedImage(resolution, resolution, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < resolution; y++) {
            for (int x = 0; x < resolution; x++) {
                int i = y * resolution + x;
                out.setRGB(x, y, (byte8(resized[0][i]) << 16) | (byte8(resized[1][i]) << 8) | byte8(resized[2][i]));
            }
        }
        return out;
    }

    /**
     * Channels of the crop, 0..255. Single-channel images are read from the raster: AWT's
     * getRGB would pass gray through a linear-to-sRGB conversion and change the values.
     */
    private static float[][] rgb(BufferedImage image, int x0, int y0, int side) {
        float[][] rgb = new float[3][side * side];
        Raster raster = image.getRaster();
        boolean gray = image.getColorModel().getNumColorComponents() == 1
                && !(image.getColorModel() instanceof IndexColorModel);
        float scale = gray ? 255f / ((1 << image.getColorModel().getComponentSize(0)) - 1) : 1f;
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int i = y * side + x;
                if (gray) {
                    float v = raster.getSample(x0 + x, y0 + y, 0) * scale;
                    rgb[0][i] = v;
                    rgb[1][i] = v;
                    rgb[2][i] = v;
                } else {
                    int p = image.getRGB(x0 + x, y0 + y);
                    rgb[0][i] = (p >> 16) & 0xff;
                    rgb[1][i] = (p >> 8) & 0xff;
                    rgb[2][i] = p & 0xff;
                }
            }
        }
        return rgb;
    }

    /** Each output pixel is the mean of the source area it covers, partial pixels weighted. */
    private static float[] shrink(float[] src, int from, int to) {
        float[] rows = new float[to * from];
        for (int x = 0; x < from; x++) {
            resample(src, x, from, rows, x, from, from, to);
        }
        float[] out = new float[to * to];
        for (int y = 0; y < to; y++) {
            resample(rows, y * from, 1, out, y * to, 1, from, to);
        }
        return out;
    }

    /** Box-filters one line of {@code from} samples (stride {@code inStep}) into {@code to} samples. */
    private static void resample(float[] in, int inStart, int inStep, float[] out, int outStart, int outStep,
                                 int from, int to) {
        double ratio = (double) from / to;
        for (int o = 0; o < to; o++) {
            double start = o * ratio;
            double end = start + ratio;
            double sum = 0;
            for (int s = (int) Math.floor(start); s < Math.min(from, (int) Math.ceil(end)); s++) {
                double weight = Math.min(end, s + 1) - Math.max(start, s);
                sum += weight * in[inStart + s * inStep];
            }
            out[outStart + o * outStep] = (float) (sum / ratio);
        }
    }

    private static float[] enlarge(float[] src, int from, int to) {
        float[] out = new float[to * to];
        double ratio = (double) from / to;
        for (int y = 0; y < to; y++) {
            double sy = clamp((y + 0.5) * ratio - 0.5, from);
            int y1 = (int) Math.floor(sy);
            int y2 = Math.min(y1 + 1, from - 1);
            double fy = sy - y1;
            for (int x = 0; x < to; x++) {
                double sx = clamp((x + 0.5) * ratio - 0.5, from);
                int x1 = (int) Math.floor(sx);
                int x2 = Math.min(x1 + 1, from - 1);
                double fx = sx - x1;
                double top = src[y1 * from + x1] * (1 - fx) + src[y1 * from + x2] * fx;
                double bottom = src[y2 * from + x1] * (1 - fx) + src[y2 * from + x2] * fx;
                out[y * to + x] = (float) (top * (1 - fy) + bottom * fy);
            }
        }
        return out;
    }

    private static double clamp(double v, int size) {
        return Math.max(0, Math.min(size - 1, v));
    }

    private static int byte8(float v) {
        return Math.max(0, Math.min(255, Math.round(v)));
    }
}
