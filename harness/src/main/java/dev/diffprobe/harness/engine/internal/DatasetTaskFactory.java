package dev.diffprobe.harness.engine.internal;

import dev.diffprobe.tasks.Candidate;
import dev.diffprobe.tasks.Example;
import dev.diffprobe.tasks.Task;
import dev.diffprobe.tasks.cue.CueConflict;
import dev.diffprobe.tasks.data.ClassPrompts;
import dev.diffprobe.tasks.data.DatasetCatalog;
import dev.diffprobe.tasks.data.MissingDataException;
import dev.diffprobe.tasks.data.download.Downloader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Dataset and Cue-Conflict tasks from the data roots, through the tasks module's catalog. A
 * task's {@code template} replaces the dataset's first CLIP template; {@code source} is the
 * catalog's dataset name.
 */
final class DatasetTaskFactory {
    /** The only split the catalog reads; datasets are evaluated on their test split, as in the paper. */
    static final String TEST_SPLIT = "test";

    private DatasetTaskFactory() {
    }

    /**
     * The task with at most {@code examples} images, a class-balanced subsample fixed by the seed.
     * Data missing from the roots is downloaded with {@code download} when given, then read.
     */
    static Task build(TaskSpec spec, long seed, int examples, List<Path> roots, Optional<Downloader> download)
            throws IOException {
        try {
            return build(spec, seed, examples, roots);
        } catch (MissingDataException e) {
            if (download.isEmpty()) {
                throw e;
            }
            if (spec.type() == TaskType.CUE_CONFLICT) {
                CueConflict.fetch(roots, download.get());
            } else {
                DatasetCatalog.fetch(spec.source(), roots, download.get());
            }
            return build(spec, seed, examples, roots);
        }
    }

    private static Task build(TaskSpec spec, long seed, int examples, List<Path> roots) throws IOException {
        Task task = spec.type() == TaskType.CUE_CONFLICT ? CueConflict.task(roots, examples, seed, 1)
                : DatasetCatalog.task(spec.source(), roots, examples, seed, 1);
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
