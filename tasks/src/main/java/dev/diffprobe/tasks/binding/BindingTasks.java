package dev.diffprobe.tasks.binding;

import dev.diffprobe.clevr.Renderer;
import dev.diffprobe.clevr.Scene;
import dev.diffprobe.clevr.SceneSampler;
import dev.diffprobe.tasks.Candidate;
import dev.diffprobe.tasks.Example;
import dev.diffprobe.tasks.ImageSource;
import dev.diffprobe.tasks.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.stream.Collectors;

/**
 * Builds the binding {@link Task}s from clevr-gen's two-object scenes. Scene {@code i} of a seed
 * is the same for every task; a task walks the scenes in index order, skips those degenerate
 * for it, and stops at {@code examplesPerTask} examples. Example ids are
 * {@code <task>/<seed>/<scene index>}. Images render lazily, at the resolution asked for.
 */
public final class BindingTasks {
    /** Examples per task when none is given, as in the paper. */
    public static final int DEFAULT_EXAMPLES = 1000;

    /** A positive and a negative prompt: a guess is right half the time. */
    public static final double CHANCE = 0.5;

    /**
     * The {@link Example#attributes()} key of the scene's shape:colour compositions, one per
     * object, left to right, comma-separated (e.g. {@code cube:red,sphere:blue}), so that a run
     * can tell examples whose scene holds a composition a checkpoint never saw in training.
     */
    public static final String COMPOSITIONS = "scene.compositions";

    /**
     * Scenes a task may read per example it needs before it gives up. The most selective tasks
     * (colour and size both distinct) keep 7/8 × 1/2 of scenes, so ~2.3 scenes per example;
     * this bound only stops a sampler that never yields a usable scene from looping forever.
     */
    static final int SCENES_PER_EXAMPLE_LIMIT = 100;

    private static final Renderer RENDERER = new Renderer();

    private BindingTasks() {
    }

    /** All 20 tasks, in the paper's order, sharing one scene stream. */
    public static List<Task> all(long seed, int examplesPerTask) {
        SceneSampler sampler = SceneSampler.forBinding();
        Map<Long, Scene> cache = new ConcurrentHashMap<>();
        LongFunction<Scene> scenes = index -> cache.computeIfAbsent(index, i -> sampler.sample(seed, i));
        List<Task> tasks = new ArrayList<>();
        for (BindingTask task : BindingTask.values()) {
            tasks.add(build(task, seed, examplesPerTask, scenes, BindingTasks::rendered));
        }
        return tasks;
    }

    /** One task by its name ({@link BindingTask#taskName()}). */
    public static Task named(String name, long seed, int examplesPerTask) {
        SceneSampler sampler = SceneSampler.forBinding();
        return build(BindingTask.named(name), seed, examplesPerTask,
                index -> sampler.sample(seed, index), BindingTasks::rendered);
    }

    static Task build(BindingTask task, long seed, int examples, LongFunction<Scene> scenes,
                      Function<Scene, ImageSource> images) {
        if (examples <= 0) {
            throw new IllegalArgumentException("examples per task must be positive, got " + examples);
        }
        List<Example> built = new ArrayList<>();
        long limit = (long) examples * SCENES_PER_EXAMPLE_LIMIT;
        for (long index = 0; built.size() < examples; index++) {
            if (index == limit) {
                throw new IllegalStateException("task " + task.taskName() + ": only " + built.size()
                        + " of " + examples + " examples in the first " + limit + " scenes of seed " + seed);
            }
            Scene scene = scenes.apply(index);
            List<Contrast> contrasts = task.contrasts(scene);
            if (!contrasts.isEmpty()) {
                built.add(example(task, seed, scene, contrasts, images.apply(scene)));
            }
        }
        return new Task(task.taskName(), task.description(), built, CHANCE);
    }

    private static Example example(BindingTask task, long seed, Scene scene, List<Contrast> contrasts,
                                   ImageSource image) {
        SplittableRandom random = new SplittableRandom(mix(seed, task.taskName().hashCode(), scene.index()));
        Contrast contrast = contrasts.get(random.nextInt(contrasts.size()));
        int label = random.nextInt(2);
        Candidate positive = Candidate.of(contrast.positive());
        Candidate negative = Candidate.of(contrast.negative());
        List<Candidate> candidates = label == 0 ? List.of(positive, negative) : List.of(negative, positive);
        String id = task.taskName() + "/" + seed + "/" + scene.index();
        return new Example(id, image, candidates, label,
                Map.of("task", task.taskName(), "scene.seed", Long.toString(scene.seed()),
                        "scene.index", Long.toString(scene.index()), COMPOSITIONS, compositions(scene)));
    }

    /** {@code shape:colour} of each object, left to right, as {@link #COMPOSITIONS} spells them. */
    static String compositions(Scene scene) {
        return scene.leftToRight().stream()
                .map(o -> o.shape().word() + ":" + o.color().word())
                .collect(Collectors.joining(","));
    }

    /** One seed per (seed, task, scene), so an example does not change when others are added. */
    private static long mix(long seed, int task, long index) {
        long h = seed * 0x9E3779B97F4A7C15L;
        h = (h ^ task) * 0xBF58476D1CE4E5B9L;
        return (h ^ index) * 0x94D049BB133111EBL;
    }

    private static ImageSource rendered(Scene scene) {
        return resolution -> RENDERER.render(scene, resolution);
    }
}
