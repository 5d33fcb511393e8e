package dev.diffprobe.clevr;

import java.util.Comparator;
import java.util.List;

/**
 * A sampled scene: its index within a generated set, the seed it was drawn from, and its
 * objects. Rendering is a pure function of the scene and the image size.
 */
public record Scene(long index, long seed, List<SceneObject> objects) {
    public Scene {
        objects = List.copyOf(objects);
    }

    /** Objects ordered left to right on screen. */
    public List<SceneObject> leftToRight() {
        return objects.stream().sorted(Comparator.comparingDouble(o -> o.box().centerX())).toList();
    }

    /** Position of {@code object} among this scene's objects: left of screen centre of mass or right. */
    public Position positionOf(SceneObject object) {
        List<SceneObject> ordered = leftToRight();
        return ordered.indexOf(object) < ordered.size() / 2.0 ? Position.LEFT : Position.RIGHT;
    }
}
