package dev.diffprobe.harness.engine.internal;

import dev.diffprobe.tasks.Task;
import dev.diffprobe.tasks.binding.BindingTask;
import dev.diffprobe.tasks.binding.BindingTasks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Builds the {@link Task} a {@link TaskSpec} declares, named as the suite names it (so that two
 * tasks on one source, e.g. one per checkpoint, keep separate journals).
 */
final class TaskFactory {
    private TaskFactory() {
    }

    /**
     * @throws dev.diffprobe.tasks.data.MissingDataException when a dataset's files are absent
     * @throws IOException when they are present but unreadable
     */
    static Task build(TaskSpec spec, long seed, List<Path> dataRoots) throws IOException {
        Task task = switch (spec.type()) {
            case BINDING -> BindingTasks.named(spec.source(), seed, spec.examples());
            case DATASET, CUE_CONFLICT -> DatasetTaskFactory.build(spec, seed, dataRoots);
        };
        return new Task(spec.name(), task.description(), task.examples(), task.chance());
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
