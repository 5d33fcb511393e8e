package dev.diffprobe.harness.study;

import dev.diffprobe.tasks.Task;
import dev.diffprobe.tasks.binding.BindingTask;
import dev.diffprobe.tasks.binding.BindingTasks;
import dev.diffprobe.tasks.data.DatasetCatalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The estimator study's tasks by name: {@code fashion} (the fashion suite's balanced Fashion-MNIST
 * test subsample, default seed 20230315), {@code colour} (the efficiency study's 8-way colour task,
 * scene seed 424242), {@code shape} (the binding suite's Shape task, seed 20230315), any binding
 * suite task as {@code binding:NAME} ({@code binding:Color}, {@code binding:ShapeSize}; seed
 * 20230315) and {@code k2}, {@code k8}, {@code k24}, {@code k96} ({@link AttributeTask}, scene seed
 * 424242).
 */
final class StudyTasks {
    static final long SUITE_SEED = 20230315;
    static final String BINDING = "binding:";
    private static final List<Path> DATA_ROOTS = List.of(Path.of("/usr/share/datasets"), Path.of("../shared/datasets"),
            Path.of("../../shared/datasets"));

    private StudyTasks() {
    }

    static void check(String name) {
        if (name.startsWith(BINDING)) {
            try {
                BindingTask.named(name.substring(BINDING.length()));
            } catch (IllegalArgumentException e) {
                throw new StudyOptions.UsageException("--tasks: " + name + ": " + e.getMessage());
            }
        } else if (!List.of("fashion", "colour", "shape").contains(name) && candidates(name) == 0) {
            throw new StudyOptions.UsageException("--tasks: unknown task '" + name
                    + "' (known: fashion, colour, shape, binding:NAME, k2, k8, k24, k96)");
        }
    }

    /** K of a K-way attribute task ({@code k24}), 0 for the others. */
    static int candidates(String name) {
        if (name.matches("k(2|8|24|96)")) {
            return Integer.parseInt(name.substring(1));
        }
        return 0;
    }

    static Task build(String name, EstimatorOptions options, int resolution) {
        long dataSeed = options.dataSeed();
        int n = options.examples();
        if (name.startsWith(BINDING)) {
            return BindingTasks.named(name.substring(BINDING.length()), dataSeed < 0 ? SUITE_SEED : dataSeed, n);
        }
        try {
            return switch (name) {
                case "fashion" -> DatasetCatalog.task("FashionMNIST", DATA_ROOTS, n, dataSeed < 0 ? SUITE_SEED : dataSeed, 1);
                case "colour" -> ColourTask.build(n, dataSeed < 0 ? StudyOptions.DEFAULT_SCENE_SEED : dataSeed, resolution);
                case "shape" -> BindingTasks.named("Shape", dataSeed < 0 ? SUITE_SEED : dataSeed, n);
                default -> AttributeTask.build(candidates(name), n, dataSeed < 0 ? StudyOptions.DEFAULT_SCENE_SEED
                        : dataSeed, resolution);
            };
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": " + e.getMessage(), e);
        }
    }
}
