package dev.diffprobe.harness.study;

import dev.diffprobe.clevr.Renderer;
import dev.diffprobe.clevr.Scene;
import dev.diffprobe.clevr.SceneObject;
import dev.diffprobe.clevr.SceneSampler;
import dev.diffprobe.tasks.Candidate;
import dev.diffprobe.tasks.Example;
import dev.diffprobe.tasks.Task;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * K-way single-object tasks over clevr-gen's attributes, to measure how cost grows with the number
 * of candidates: every combination of the named attributes is a class, prompted in the training
 * captions' word order ("A large red metal cube.", "A metal object."). K = 2 (material), 8
 * (colour), 24 (colour x shape), 96 (size x colour x material x shape). Scenes are drawn in index
 * order and kept while their class's quota (ceil(n / K)) is open, so classes differ in count by at
 * most one and chance is 1/K.
 */
final class AttributeTask {
    /** CLEVR's caption order; a task names a subset. */
    enum Part {
        SIZE, COLOR, MATERIAL, SHAPE;

        String word(SceneObject o) {
            return switch (this) {
                case SIZE -> o.size().word();
                case COLOR -> o.color().word();
                case MATERIAL -> o.material().word();
                case SHAPE -> o.shape().word();
            };
        }

        /** The prefix of a factorised rule's settings for this attribute alone ({@code color.tMin}). */
        String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        List<String> words() {
            return switch (this) {
                case SIZE -> List.of(dev.diffprobe.clevr.Size.values()).stream().map(v -> v.word()).toList();
                case COLOR -> List.of(dev.diffprobe.clevr.Color.values()).stream().map(v -> v.word()).toList();
                case MATERIAL -> List.of(dev.diffprobe.clevr.Material.values()).stream().map(v -> v.word()).toList();
                case SHAPE -> List.of(dev.diffprobe.clevr.Shape.values()).stream().map(v -> v.word()).toList();
            };
        }
    }

    private AttributeTask() {
    }

    /** The attributes of the K-way task; K must be one of 2, 8, 24, 96. */
    static List<Part> parts(int k) {
        return switch (k) {
            case 2 -> List.of(Part.MATERIAL);
            case 8 -> List.of(Part.COLOR);
            case 24 -> List.of(Part.COLOR, Part.SHAPE);
            case 96 -> List.of(Part.SIZE, Part.COLOR, Part.MATERIAL, Part.SHAPE);
            default -> throw new IllegalArgumentException("K-way attribute tasks exist for K = 2, 8, 24, 96, not " + k);
        };
    }

    static Task build(int k, int examples, long sceneSeed, int resolution) {
        if (examples < 1) {
            throw new IllegalArgumentException("examples must be positive, got " + examples);
        }
        List<Part> parts = parts(k);
        List<String> names = new ArrayList<>(List.of(""));
        for (Part part : parts) {
            List<String> next = new ArrayList<>();
            for (String prefix : names) {
                for (String word : part.words()) {
                    next.add(prefix.isEmpty() ? word : prefix + " " + word);
                }
            }
            names = next;
        }
        List<Candidate> candidates = new ArrayList<>();
        for (String name : names) {
            candidates.add(new Candidate(name, List.of(prompt(name, parts))));
        }
        int quota = (examples + k - 1) / k;
        int[] taken = new int[k];
        SceneSampler sampler = SceneSampler.withObjects(1);
        Renderer renderer = new Renderer();
        List<Example> list = new ArrayList<>();
        long limit = 1000L * examples + 100L * k;
        for (long index = 0; list.size() < examples; index++) {
            if (index == limit) {
                throw new IllegalStateException("only " + list.size() + " of " + examples + " balanced examples in the first "
                        + limit + " scenes of seed " + sceneSeed);
            }
            Scene scene = sampler.sample(sceneSeed, index);
            SceneObject o = scene.objects().get(0);
            String name = String.join(" ", parts.stream().map(p -> p.word(o)).toList());
            int label = names.indexOf(name);
            if (taken[label] == quota) {
                continue;
            }
            taken[label]++;
            BufferedImage image = renderer.render(scene, resolution);
            list.add(new Example("attr" + k + "-" + sceneSeed + "-" + index, size -> image, candidates, label,
                    Map.of("class", name)));
        }
        return new Task("SingleObject" + k + "way", "single clevr-gen object, " + k + "-way over "
                + parts.stream().map(p -> p.name().toLowerCase(Locale.ROOT)).toList(), list, 1.0 / k);
    }

    /**
     * The one-attribute task of part {@code j} of a K-way task built here: the same images and
     * ids (suffixed with the part), the part's values as candidates ("A large object.", "A cube."),
     * so that a K-way answer can be put together from one classification per attribute with
     * 2 + 8 + 2 + 3 prompts instead of 96.
     */
    static Task part(Task task, List<Part> parts, int j) {
        Part part = parts.get(j);
        List<Candidate> candidates = new ArrayList<>();
        for (String word : part.words()) {
            candidates.add(new Candidate(word, List.of(prompt(word, List.of(part)))));
        }
        List<Example> list = new ArrayList<>();
        for (Example e : task.examples()) {
            String word = e.candidates().get(e.label()).name().split(" ")[j];
            list.add(new Example(e.id() + "/" + part.name().toLowerCase(Locale.ROOT), e.image(), candidates,
                    part.words().indexOf(word), Map.of("class", word)));
        }
        return new Task(task.name() + "-" + part.name().toLowerCase(Locale.ROOT), "the " + part.name().toLowerCase(Locale.ROOT)
                + " of " + task.description(), list, 1.0 / candidates.size());
    }

    /** "A red metal object." when the shape is not among the parts, as the training captions say it. */
    static String prompt(String name, List<Part> parts) {
        String noun = parts.contains(Part.SHAPE) ? name : name + " object";
        return "A " + noun + ".";
    }
}
