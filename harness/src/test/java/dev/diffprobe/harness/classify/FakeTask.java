package dev.diffprobe.harness.classify;

import dev.diffprobe.models.Pixels;
import dev.diffprobe.tasks.Candidate;
import dev.diffprobe.tasks.Example;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Solid-colour images of K classes with one prompt each, and the fake model that knows them. */
final class FakeTask {
    static final int RESOLUTION = 8;
    private static final int[] RGB = {0xff0000, 0x00ff00, 0x0000ff, 0xffff00, 0x00ffff, 0xff00ff, 0x808080, 0x000000};

    final int classes;
    private final double gap;
    final Map<String, float[]> means = new LinkedHashMap<>();

    /**
     * @param gap scales each class colour's distance from mid-gray, so the gap between classes
     */
    FakeTask(int classes, double gap) {
        this.classes = classes;
        this.gap = gap;
        for (int c = 0; c < classes; c++) {
            means.put(prompt(c), Pixels.chw(image(c, gap), RESOLUTION));
        }
    }

    static String prompt(int c) {
        return "a photo of class " + c + ".";
    }

    static BufferedImage image(int c, double gap) {
        BufferedImage image = new BufferedImage(RESOLUTION, RESOLUTION, BufferedImage.TYPE_INT_RGB);
        int rgb = 0;
        for (int shift = 0; shift <= 16; shift += 8) {
            int v = (RGB[c] >> shift) & 0xff;
            int scaled = (int) Math.round(128 + (v - 128) * gap);
            rgb |= Math.max(0, Math.min(255, scaled)) << shift;
        }
        for (int y = 0; y < RESOLUTION; y++) {
            for (int x = 0; x < RESOLUTION; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        return image;
    }

    List<Candidate> candidates() {
        List<Candidate> list = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            list.add(Candidate.of(prompt(c)));
        }
        return list;
    }

    /** n examples, labels cycling through the classes. */
    List<Example> examples(int n) {
        List<Example> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int label = i % classes;
            list.add(new Example("ex-" + i, r -> image(label, gap), candidates(), label, Map.of()));
        }
        return list;
    }

    FakeDiffusionModel model(int maxBatch, double gamma) {
        return new FakeDiffusionModel(RESOLUTION, maxBatch, gamma, means, null);
    }
}
