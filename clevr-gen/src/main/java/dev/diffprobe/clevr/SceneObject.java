package dev.diffprobe.clevr;

/**
 * One object of a scene. {@code x, y} are world coordinates on the ground plane (z up),
 * {@code rotationDegrees} the rotation about z, {@code box} where it landed on screen.
 */
public record SceneObject(Shape shape, Color color, Size size, Material material,
                          double x, double y, double z, double rotationDegrees, ScreenBox box) {
}
