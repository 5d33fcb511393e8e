package dev.diffprobe.tasks.binding;

import dev.diffprobe.clevr.Color;
import dev.diffprobe.clevr.Position;
import dev.diffprobe.clevr.Scene;
import dev.diffprobe.clevr.SceneObject;
import dev.diffprobe.clevr.Shape;
import dev.diffprobe.clevr.Size;
import java.util.Arrays;
import java.util.List;

/**
 * An attribute a binding task asks about. The declaration order is the precedence a pair task
 * uses to pick the attribute it keeps in place (the other one is swapped between the objects).
 */
public enum Attribute {
    POSITION("Position", Position.values()),
    SHAPE("Shape", Shape.values()),
    COLOR("Color", Color.values()),
    SIZE("Size", Size.values());

    private final String title;
    private final List<String> vocabulary;

    Attribute(String title, Enum<?>[] values) {
        this.title = title;
        this.vocabulary = Arrays.stream(values).map(Attribute::word).toList();
    }

    /** The capitalised name used in task names, e.g. {@code Shape}. */
    public String title() {
        return title;
    }

    /** Every word this attribute can take, in the enum's order. */
    public List<String> vocabulary() {
        return vocabulary;
    }

    /** The word for this attribute of {@code object} within {@code scene}. */
    public String of(Scene scene, SceneObject object) {
        return switch (this) {
            case POSITION -> scene.positionOf(object).word();
            case SHAPE -> object.shape().word();
            case COLOR -> object.color().word();
            case SIZE -> object.size().word();
        };
    }

    private static String word(Enum<?> value) {
        if (value instanceof Shape shape) {
            return shape.word();
        }
        if (value instanceof Color color) {
            return color.word();
        }
        if (value instanceof Size size) {
            return size.word();
        }
        return ((Position) value).word();
    }
}
