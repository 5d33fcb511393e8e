package dev.diffprobe.harness.study;

import dev.diffprobe.clevr.Color;
import dev.diffprobe.clevr.Renderer;
import dev.diffprobe.clevr.Scene;
import dev.diffprobe.clevr.SceneSampler;
import dev.diffprobe.tasks.Candidate;
import dev.diffprobe.tasks.Example;
import dev.diffprobe.tasks.Task;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The study's 8-way task: the colour of the single object in a clevr-gen scene, one prompt per
 * colour in the training captions' own phrasing ("A red object."). Scenes are drawn in index
 * order from {@code sceneSeed} and kept while their colour's quota is open, so the classes are
 * balanced and chance is exactly 1/8.
 */
final class ColourTask {
    private ColourTask() {
    }

    static String prompt(Color color) {
        return "A " + color.word() + " object.";
    }

    static Task build(int examples, long sceneSeed, int resolution) {
        Color[] colors = Color.values();
        if (examples < colors.length || examples % colors.length != 0) {
            throw new IllegalArgumentException("--examples must be a positive multiple of " + colors.length
                    + " (balanced colours), got " + examples);
        }
        List<Candidate> candidates = new ArrayList<>();
        for (Color color : colors) {
            candidates.add(new Candidate(color.word(), List.of(prompt(color))));
        }
        SceneSampler sampler = SceneSampler.withObjects(1);
        Renderer renderer = new Renderer();
        int[] quota = new int[colors.length];
        List<Example> list = new ArrayList<>();
        for (long index = 0; list.size() < examples; index++) {
            Scene scene = sampler.sample(sceneSeed, index);
            Color color = scene.objects().get(0).color();
            if (quota[color.ordinal()] == examples / colors.length) {
                continue;
            }
            quota[color.ordinal()]++;
            BufferedImage image = renderer.render(scene, resolution);
            list.add(new Example("colour-" + sceneSeed + "-" + index, size -> image, candidates, color.ordinal(),
                    Map.of("color", color.word())));
        }
        return new Task("SingleObjectColor", "colour of the one object of a clevr-gen scene, 8-way", list,
                1.0 / colors.length);
    }
}
