package dev.diffprobe.tasks.binding;

import dev.diffprobe.clevr.Color;
import dev.diffprobe.clevr.Material;
import dev.diffprobe.clevr.Scene;
import dev.diffprobe.clevr.SceneObject;
import dev.diffprobe.clevr.ScreenBox;
import dev.diffprobe.clevr.Shape;
import dev.diffprobe.clevr.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Hand-built and randomly drawn two-object scenes; no rendering is involved. */
final class Scenes {
    private Scenes() {
    }

    static SceneObject object(Shape shape, Color color, Size size, int minX) {
        return new SceneObject(shape, color, size, Material.RUBBER, 0, 0, size.scale(), 0,
                new ScreenBox(minX, 20, minX + 15, 40));
    }

    static Scene scene(long index, SceneObject... objects) {
        return new Scene(index, 0, List.of(objects));
    }

    /** A two-object scene with different shapes, drawn from {@code index}; list order is random too. */
    static Scene random(long seed, long index) {
        SplittableRandom random = new SplittableRandom(seed * 31 + index);
        Shape[] shapes = Shape.values();
        int first = random.nextInt(shapes.length);
        int second = (first + 1 + random.nextInt(shapes.length - 1)) % shapes.length;
        List<SceneObject> objects = new ArrayList<>();
        objects.add(object(shapes[first], pick(random, Color.values()), pick(random, Size.values()),
                random.nextInt(0, 20)));
        objects.add(object(shapes[second], pick(random, Color.values()), pick(random, Size.values()),
                random.nextInt(30, 50)));
        if (random.nextBoolean()) {
            objects = List.of(objects.get(1), objects.get(0));
        }
        return new Scene(index, seed, objects);
    }

    private static <T> T pick(SplittableRandom random, T[] values) {
        return values[random.nextInt(values.length)];
    }
}
