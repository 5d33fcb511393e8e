package dev.diffprobe.harness.engine.internal;

import dev.diffprobe.tasks.Candidate;
import dev.diffprobe.tasks.Example;
import dev.diffprobe.tasks.Task;
import dev.diffprobe.tasks.cue.CueConflict;
import dev.diffprobe.tasks.cue.Stimulus;
import dev.diffprobe.tasks.data.ClassPrompts;
import dev.diffprobe.tasks.data.DatasetCatalog;
import dev.diffprobe.tasks.data.MissingDataException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Dataset and Cue-Conflict tasks from the data roots, through the tasks module's catalog. A
 * task's {@code template} replaces the dataset's first CLIP template; {@code source} is the
 * catalog's dataset name.
 */
final class DatasetTaskFactory {
    /** Where Cue-Conflict lives under a data root. */
    static final String CUE_CONFLICT_FOLDER = "cue-conflict";
    /** Where Geirhos et al. publish the stimuli. */
    static final String CUE_CONFLICT_SOURCE =
            "https://github.com/rgeirhos/texture-vs-shape (stimuli/style-transfer-preprocessed-512)";
    /** The only split the catalog reads; datasets are evaluated on their test split, as in the paper. */
    static final String TEST_SPLIT = "test";

    private DatasetTaskFactory() {
    }

    static Task build(TaskSpec spec, long seed, List<Path> roots) throws IOException {
        Task task = spec.type() == TaskType.CUE_CONFLICT ? cueConflict(spec, seed, roots)
                : DatasetCatalog.task(spec.source(), roots, spec.examples(), seed, 1);
        return spec.template().map(t -> withTemplate(task, spec.source(), t)).orElse(task);
    }

    static Optional<String> sourceProblem(TaskSpec spec) {
        Optional<String> split = spec.split().filter(s -> !s.equals(TEST_SPLIT))
                .map(s -> "split '" + s + "' is not available; datasets are read on their '" + TEST_SPLIT + "' split");
        if (split.isPresent()) {
            return split;
        }
        if (spec.type() == TaskType.CUE_CONFLICT) {
            return spec.source().equals(spec.name()) || spec.source().equals("CueConflict") ? Optional.empty()
                    : Optional.of("a cue-conflict task's source is CueConflict, not '" + spec.source() + "'");
        }
        try {
            DatasetCatalog.entry(spec.source());
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static Task cueConflict(TaskSpec spec, long seed, List<Path> roots) throws IOException {
        Path root = roots.stream().map(r -> r.resolve(CUE_CONFLICT_FOLDER)).filter(Files::isDirectory).findFirst()
                .orElseThrow(() -> new MissingDataException("CueConflict", roots.get(0).resolve(CUE_CONFLICT_FOLDER),
                        CUE_CONFLICT_SOURCE));
        List<Stimulus> stimuli = new ArrayList<>(CueConflict.read(root));
        if (spec.examples() < stimuli.size()) {
            // A seeded shuffle, so that a cap keeps every class instead of the first folders.
            Collections.shuffle(stimuli, new Random(seed));
            stimuli = stimuli.subList(0, spec.examples());
        }
        return CueConflict.task(stimuli, ClassPrompts.of("CueConflict").candidates());
    }

    private static Task withTemplate(Task task, String dataset, String template) {
        List<String> classes = task.examples().isEmpty() ? List.of()
                : task.examples().get(0).candidates().stream().map(Candidate::name).toList();
        List<Candidate> candidates = classes.stream()
                .map(c -> new Candidate(c, List.of(template.replace(ClassPrompts.SLOT, c)))).toList();
        List<Example> examples = task.examples().stream().map(e -> new Example(e.id(), e.image(), candidates,
                e.label(), e.attributes())).toList();
        return new Task(task.name(), task.description() + " (template '" + template + "' for " + dataset + ")",
                examples, task.chance());
    }
}
