package dev.diffprobe.tasks.data;

import dev.diffprobe.tasks.Candidate;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A dataset's class names (class {@code i} is label {@code i}) and its zero-shot templates, from
 * OpenAI CLIP's tables (MIT; see {@code prompts/LICENSE-openai-CLIP.txt} and tasks/README.md for
 * the datasets CLIP's tables lack). The first template is the default, as in the paper; for
 * ImageNet that is "a bad photo of a {}.".
 */
public record ClassPrompts(String dataset, List<String> classes, List<String> templates) {
    /** Where a template takes the class name. */
    public static final String SLOT = "{}";

    /** The datasets with bundled class names and templates. */
    public static final List<String> DATASETS = List.of("CIFAR10", "CIFAR100", "STL10", "MNIST", "DTD",
            "PatchCamelyon", "SVHN", "EuroSAT", "StanfordCars", "ImageNet", "Caltech101", "OxfordPets",
            "Food101", "FashionMNIST", "CueConflict");

    public ClassPrompts {
        classes = List.copyOf(classes);
        templates = List.copyOf(templates);
        if (classes.isEmpty() || templates.isEmpty()) {
            throw new IllegalArgumentException(dataset + ": needs at least one class and one template");
        }
        for (String template : templates) {
            int slot = template.indexOf(SLOT);
            if (slot < 0 || template.indexOf(SLOT, slot + 1) >= 0) {
                throw new IllegalArgumentException(dataset + ": template '" + template
                        + "' must hold exactly one " + SLOT);
            }
        }
    }

    /** The bundled table of {@code dataset} (one of {@link #DATASETS}). */
    public static ClassPrompts of(String dataset) {
        if (!DATASETS.contains(dataset)) {
            throw new IllegalArgumentException("no class names for dataset '" + dataset + "'; known: " + DATASETS);
        }
        return new ClassPrompts(dataset, lines(dataset + ".classes.txt"), lines(dataset + ".templates.txt"));
    }

    /** One candidate per class, prompted with the first template. */
    public List<Candidate> candidates() {
        return ensemble(1);
    }

    /**
     * One candidate per class with the first {@code count} templates (all of them when
     * {@code count} exceeds their number): a template ensemble, whose scores are averaged.
     */
    public List<Candidate> ensemble(int count) {
        if (count < 1) {
            throw new IllegalArgumentException(dataset + ": a template ensemble needs at least 1 template, got " + count);
        }
        List<String> used = templates.subList(0, Math.min(count, templates.size()));
        List<Candidate> candidates = new ArrayList<>();
        for (String name : classes) {
            candidates.add(new Candidate(name, used.stream().map(t -> t.replace(SLOT, name)).toList()));
        }
        return candidates;
    }

    private static List<String> lines(String resource) {
        try (InputStream in = ClassPrompts.class.getResourceAsStream("/dev/diffprobe/tasks/prompts/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("resource dev/diffprobe/tasks/prompts/" + resource + " is missing from the jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            return reader.lines().filter(line -> !line.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + resource, e);
        }
    }
}
