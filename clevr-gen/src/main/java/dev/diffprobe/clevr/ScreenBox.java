package dev.diffprobe.clevr;

/**
 * An object's bounding box on screen, in pixels of the rendered image (x right, y down),
 * inclusive of {@code minX/minY} and exclusive of {@code maxX/maxY}.
 */
public record ScreenBox(int minX, int minY, int maxX, int maxY) {
    /** Image size (px) at which {@link SceneSampler} records every {@link SceneObject#box()}. */
    public static final int REFERENCE_SIZE = 1000;

    public double centerX() {
        return (minX + maxX) / 2.0;
    }

    /**
     * This box, recorded at {@link #REFERENCE_SIZE}, in pixels of a {@code size}-px image:
     * rounded outwards so that it still encloses the object.
     */
    public ScreenBox scaledTo(int size) {
        return new ScreenBox(Math.floorDiv(minX * size, REFERENCE_SIZE), Math.floorDiv(minY * size, REFERENCE_SIZE),
                -Math.floorDiv(-maxX * size, REFERENCE_SIZE), -Math.floorDiv(-maxY * size, REFERENCE_SIZE));
    }
}
