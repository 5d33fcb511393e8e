package dev.diffprobe.clevr;

/**
 * An object's bounding box on screen, in pixels of the rendered image (x right, y down),
 * inclusive of {@code minX/minY} and exclusive of {@code maxX/maxY}.
 */
public record ScreenBox(int minX, int minY, int maxX, int maxY) {
    public double centerX() {
        return (minX + maxX) / 2.0;
    }
}
