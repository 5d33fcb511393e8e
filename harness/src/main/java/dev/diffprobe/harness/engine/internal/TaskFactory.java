package dev.diffprobe.harness.engine.internal;

import dev.diffprobe.tasks.Task;
import dev.diffprobe.tasks.binding.BindingTask;
import dev.diffprobe.tasks.binding.BindingTasks;
import dev.diffprobe.tasks.data.download.Downloader;
import dev.diffprobe.tasks.cue.CueConflict;
import dev.diffprobe.tasks.data.ClassPrompts;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Builds the {@link Task} a {@link TaskSpec} declares, named as the suite names it (so that two
 * tasks on one source, e.g. one per checkpoint, keep separate journals).
 */
final class TaskFactory {
    private TaskFactory() {
    }

    /**
     * @param examples how many examples: the suite's count, or {@code -Dexamples} in its place, so
     *     that both take the same (class-balanced, for datasets) examples
     * @param download fetches a dataset missing from the roots, when the user asked for that
     * @throws dev.diffprobe.tasks.data.MissingDataException when a dataset's files are absent
     * @throws IOException when they are present but unreadable
     */
    static Task build(TaskSpec spec, long seed, int examples, List<Path> dataRoots, Optional<Downloader> download)
            throws IOException {
        Task task = switch (spec.type()) {
            case BINDING -> BindingTasks.named(spec.source(), seed, examples);
            case DATASET, CUE_CONFLICT -> DatasetTaskFactory.build(spec, seed, examples, dataRoots, download);
        };
        return new Task(spec.name(), task.description(), task.examples(), task.chance());
    }

    /**
     * The chance accuracy of a task, from its source alone, so that discovery can hold thresholds
     * to it: 1/2 for binding tasks, 1/classes for datasets and Cue-Conflict (one candidate per
     * class); empty for a source that does not resolve (reported on its own).
     */
    static OptionalDouble chance(TaskType type, String source) {
        try {
            return switch (type) {
                case BINDING -> {
                    BindingTask.named(source);
                    yield OptionalDouble.of(BindingTasks.CHANCE);
                }
                case DATASET -> OptionalDouble.of(1.0 / ClassPrompts.of(source).classes().size());
                case CUE_CONFLICT -> OptionalDouble.of(1.0 / CueConflict.CLASSES.size());
            };
        } catch (RuntimeException e) {
            return OptionalDouble.empty();
        }
    }

    /** What is wrong with a task's source, found at discovery without reading any data. */
    static Optional<String> sourceProblem(TaskSpec spec) {
        return switch (spec.type()) {
            case BINDING -> {
                try {
                    BindingTask.named(spec.source());
                    yield Optional.empty();
                } catch (IllegalArgumentException e) {
                    yield Optional.of(e.getMessage());
                }
            }
            case DATASET, CUE_CONFLICT -> DatasetTaskFactory.sourceProblem(spec);
        };
    }
}
