package dev.diffprobe.clevr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RendererTest {
    private final Renderer renderer = new Renderer();
    private final SceneSampler sampler = SceneSampler.forBinding();

    /**
     * The tiny checkpoints were trained on the pixels of binding scenes at 32 px: if this digest
     * changes, the renderer no longer draws what they saw, and they must be retrained.
     */
    private static final String FROZEN_32PX_DIGEST = "3f8ebbe7b4c9906cf917fae841e9b66c87a758d2f1644a5b37eb7b9717a4d649";

    @Test
    void rendersASquareRgbImage() {
        BufferedImage image = renderer.render(sampler.sample(1, 0), 48);
        assertThat(image.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertThat(image.getWidth()).isEqualTo(48);
        assertThat(image.getHeight()).isEqualTo(48);
    }

    @Test
    void rejectsANonPositiveSize() {
        assertThatThrownBy(() -> renderer.render(sampler.sample(1, 0), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("size");
    }

    @Test
    void isDeterministic() {
        Scene scene = SceneSampler.withObjects(3).sample(5, 9);
        assertThat(pixels(renderer.render(scene, 64))).isEqualTo(pixels(new Renderer().render(scene, 64)));
    }

    @Test
    void givesTheSamePixelsOnManyThreads() throws Exception {
        List<Scene> scenes = new ArrayList<>();
        for (int k = 0; k < 24; k++) {
            scenes.add(SceneSampler.withObjects(1 + k % 4).sample(3, k));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<int[]>> parallel = new ArrayList<>();
            for (Scene scene : scenes) {
                parallel.add(pool.submit(() -> pixels(renderer.render(scene, 40))));
            }
            for (int k = 0; k < scenes.size(); k++) {
                assertThat(parallel.get(k).get()).isEqualTo(pixels(renderer.render(scenes.get(k), 40)));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void drawsTheFrozen32PixelBindingScenes() throws Exception {
        assertThat(digest()).isEqualTo(FROZEN_32PX_DIGEST);
    }

    @Test
    void drawsEachObjectInItsOwnColour() {
        Scene scene = sampler.sample(11, 4);
        BufferedImage image = renderer.render(scene, 128);
        for (SceneObject o : scene.objects()) {
            ScreenBox box = o.box().scaledTo(128);
            double best = Double.MAX_VALUE;
            for (int y = box.minY(); y < box.maxY(); y++) {
                for (int x = box.minX(); x < box.maxX(); x++) {
                    best = Math.min(best, hueDistance(image.getRGB(x, y), o.color()));
                }
            }
            assertThat(best).as("closest pixel to %s inside its box", o.color()).isLessThan(0.1);
        }
    }

    /** Distance between a pixel's chromaticity and a CLEVR colour's (brightness ignored). */
    private static double hueDistance(int rgb, Color color) {
        double r = (rgb >> 16) & 255, g = (rgb >> 8) & 255, b = rgb & 255;
        double s = r + g + b + 1e-9, t = color.r() + color.g() + color.b();
        return Math.abs(r / s - color.r() / t) + Math.abs(g / s - color.g() / t) + Math.abs(b / s - color.b() / t);
    }

    static String digest() throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        Renderer renderer = new Renderer();
        for (int k = 0; k < 8; k++) {
            int[] pixels = pixels(renderer.render(SceneSampler.forBinding().sample(7, k), 32));
            ByteBuffer bytes = ByteBuffer.allocate(4 * pixels.length);
            bytes.asIntBuffer().put(pixels);
            sha.update(bytes);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }
}
