package dev.diffprobe.tasks.binding;

import static dev.diffprobe.tasks.binding.Attribute.COLOR;
import static dev.diffprobe.tasks.binding.Attribute.POSITION;
import static dev.diffprobe.tasks.binding.Attribute.SHAPE;
import static dev.diffprobe.tasks.binding.Attribute.SIZE;

import dev.diffprobe.clevr.Scene;
import dev.diffprobe.clevr.SceneObject;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The paper's 20 attribute-binding tasks (Appendix D) on two-object scenes.
 *
 * <ul>
 *   <li>Control tasks {@code Shape}, {@code Color}: one object's attribute against a value that
 *       no object in the scene has.</li>
 *   <li>Pair tasks, e.g. {@code Shape_Color}: both objects described with both attributes,
 *       leftmost object first; the negative swaps one attribute between the two objects (the
 *       one after the other in {@link Attribute}'s order; position, then shape, stay in place).</li>
 *   <li>Binding directions, e.g. {@code ColorShape} ("the colour bound to the shape"): one
 *       object described with both attributes; the negative gives it the other object's colour.
 *       {@code ShapeColor} is the reverse: the negative gives it the other object's shape.</li>
 * </ul>
 * Pair and binding tasks skip scenes whose two objects share a value of either attribute: the
 * negative would then equal the positive, or be true of the scene.
 */
public enum BindingTask {
    SHAPE_CONTROL(Kind.CONTROL, SHAPE, null),
    COLOR_CONTROL(Kind.CONTROL, COLOR, null),
    SHAPE_COLOR_PAIR(Kind.PAIR, SHAPE, COLOR),
    SHAPE_GIVEN_COLOR(Kind.BINDING, SHAPE, COLOR),
    COLOR_GIVEN_SHAPE(Kind.BINDING, COLOR, SHAPE),
    SHAPE_SIZE_PAIR(Kind.PAIR, SHAPE, SIZE),
    SHAPE_GIVEN_SIZE(Kind.BINDING, SHAPE, SIZE),
    SIZE_GIVEN_SHAPE(Kind.BINDING, SIZE, SHAPE),
    SHAPE_POSITION_PAIR(Kind.PAIR, SHAPE, POSITION),
    SHAPE_GIVEN_POSITION(Kind.BINDING, SHAPE, POSITION),
    POSITION_GIVEN_SHAPE(Kind.BINDING, POSITION, SHAPE),
    COLOR_SIZE_PAIR(Kind.PAIR, COLOR, SIZE),
    COLOR_GIVEN_SIZE(Kind.BINDING, COLOR, SIZE),
    SIZE_GIVEN_COLOR(Kind.BINDING, SIZE, COLOR),
    COLOR_POSITION_PAIR(Kind.PAIR, COLOR, POSITION),
    COLOR_GIVEN_POSITION(Kind.BINDING, COLOR, POSITION),
    POSITION_GIVEN_COLOR(Kind.BINDING, POSITION, COLOR),
    SIZE_POSITION_PAIR(Kind.PAIR, SIZE, POSITION),
    SIZE_GIVEN_POSITION(Kind.BINDING, SIZE, POSITION),
    POSITION_GIVEN_SIZE(Kind.BINDING, POSITION, SIZE);

    private enum Kind { CONTROL, PAIR, BINDING }

    private final Kind kind;
    private final Attribute first;
    private final Attribute second;
    private final String taskName;

    BindingTask(Kind kind, Attribute first, Attribute second) {
        this.kind = kind;
        this.first = first;
        this.second = second;
        this.taskName = switch (kind) {
            case CONTROL -> first.title();
            case PAIR -> first.title() + "_" + second.title();
            case BINDING -> first.title() + second.title();
        };
    }

    /** The task's name, valid in file names: {@code Shape}, {@code Shape_Color}, {@code ColorShape}. */
    public String taskName() {
        return taskName;
    }

    /** One line saying what the task tests, for reports. */
    public String description() {
        return switch (kind) {
            case CONTROL -> "recognise an object's " + noun(first) + " against a "
                    + noun(first) + " not in the image";
            case PAIR -> "describe both objects' " + noun(first) + " and " + noun(second)
                    + " against the description with the two objects' " + noun(swapped())
                    + "s swapped";
            case BINDING -> "bind the " + noun(first) + " to the object's " + noun(second)
                    + " against the other object's " + noun(first);
        };
    }

    /** The attributes a scene's two objects must not share for this task to use it. */
    public Set<Attribute> distinct() {
        return kind == Kind.CONTROL ? Set.of() : Set.of(first, second);
    }

    /** The task with {@code name} (as {@link #taskName()}), or an exception listing the names. */
    public static BindingTask named(String name) {
        for (BindingTask task : values()) {
            if (task.taskName.equals(name)) {
                return task;
            }
        }
        List<String> names = new ArrayList<>();
        for (BindingTask task : values()) {
            names.add(task.taskName);
        }
        throw new IllegalArgumentException("no binding task '" + name + "'; tasks are " + names);
    }

    /**
     * Every (positive, negative) pair this task can ask about {@code scene}; empty when the scene
     * is degenerate for the task (see {@link #distinct()}). An example draws one of them.
     */
    public List<Contrast> contrasts(Scene scene) {
        List<SceneObject> objects = scene.leftToRight();
        if (objects.size() != 2) {
            throw new IllegalArgumentException("binding tasks need scenes of exactly 2 objects; scene "
                    + scene.index() + " of seed " + scene.seed() + " has " + objects.size());
        }
        for (Attribute attribute : distinct()) {
            if (attribute.of(scene, objects.get(0)).equals(attribute.of(scene, objects.get(1)))) {
                return List.of();
            }
        }
        return switch (kind) {
            case CONTROL -> control(scene, objects);
            case PAIR -> List.of(pair(scene, objects));
            case BINDING -> binding(scene, objects);
        };
    }

    private List<Contrast> control(Scene scene, List<SceneObject> objects) {
        Set<String> present = new HashSet<>();
        for (SceneObject object : objects) {
            present.add(first.of(scene, object));
        }
        List<Contrast> contrasts = new ArrayList<>();
        for (SceneObject object : objects) {
            for (String absent : first.vocabulary()) {
                if (!present.contains(absent)) {
                    contrasts.add(new Contrast(
                            Prompt.sentence(Map.of(first, first.of(scene, object))),
                            Prompt.sentence(Map.of(first, absent))));
                }
            }
        }
        return contrasts;
    }

    private Contrast pair(Scene scene, List<SceneObject> objects) {
        Attribute swap = swapped();
        Attribute keep = swap == first ? second : first;
        SceneObject left = objects.get(0);
        SceneObject right = objects.get(1);
        return new Contrast(
                Prompt.sentence(List.of(words(scene, keep, left, swap, left),
                        words(scene, keep, right, swap, right))),
                Prompt.sentence(List.of(words(scene, keep, left, swap, right),
                        words(scene, keep, right, swap, left))));
    }

    private List<Contrast> binding(Scene scene, List<SceneObject> objects) {
        List<Contrast> contrasts = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            SceneObject subject = objects.get(i);
            SceneObject other = objects.get(1 - i);
            contrasts.add(new Contrast(
                    Prompt.sentence(words(scene, second, subject, first, subject)),
                    Prompt.sentence(words(scene, second, subject, first, other))));
        }
        return contrasts;
    }

    /** One described object: {@code kept} as {@code keptFrom} has it, {@code taken} as {@code takenFrom}. */
    private static Map<Attribute, String> words(Scene scene, Attribute kept, SceneObject keptFrom,
                                                Attribute taken, SceneObject takenFrom) {
        Map<Attribute, String> words = new EnumMap<>(Attribute.class);
        words.put(kept, kept.of(scene, keptFrom));
        words.put(taken, taken.of(scene, takenFrom));
        return words;
    }

    /** In a pair task, the later attribute in {@link Attribute}'s order is swapped. */
    private Attribute swapped() {
        return first.ordinal() > second.ordinal() ? first : second;
    }

    private static String noun(Attribute attribute) {
        return attribute.title().toLowerCase(java.util.Locale.ROOT);
    }
}
