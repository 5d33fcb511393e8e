package dev.diffprobe.clevr;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws CLEVR-style scenes: shape, colour, size and material uniformly, position uniformly in
 * CLEVR's [-3,3]^2 area, rotation uniformly in [0,360). Like CLEVR, objects keep a
 * {@value #MIN_GAP} world-unit gap between their footprints, and a draw that breaks a
 * constraint is redrawn. Every object must lie fully inside the frame.
 *
 * <p>{@link SceneObject#box()} is given in pixels of a {@value ScreenBox#REFERENCE_SIZE}-px
 * rendering; {@link ScreenBox#scaledTo(int)} converts it to any image size.
 *
 * <p>A scene is a pure function of (seed, index): each one draws from its own
 * {@link SplittableRandom} seeded from a mix of both, so scenes come out the same whatever
 * order or thread they are drawn in.
 */
public final class SceneSampler {
    /** Half-side of the square of the ground plane where object centres are drawn, as in CLEVR. */
    public static final double AREA = 3.0;
    /** Least distance between two objects' footprints (world units), as CLEVR's min_dist. */
    public static final double MIN_GAP = 0.25;
    /**
     * Least horizontal gap between the two objects' screen boxes in binding scenes, as a
     * fraction of the image width, so that left and right are never in doubt.
     */
    public static final double BINDING_SCREEN_GAP = 0.05;
    /** Least distance of any screen box from the image border, as a fraction of the width. */
    public static final double FRAME_MARGIN = 0.01;
    /** Most objects per scene, as in CLEVR; more would rarely fit in the frame. */
    public static final int MAX_OBJECTS = 10;
    private static final int MAX_TRIES = 10_000;

    private final int count;
    private final boolean binding;
    private final Camera camera = Camera.CLEVR;

    private SceneSampler(int count, boolean binding) {
        this.count = count;
        this.binding = binding;
    }

    /** Scenes of {@code count} objects of any shapes, 1 to {@link #MAX_OBJECTS}. */
    public static SceneSampler withObjects(int count) {
        if (count < 1 || count > MAX_OBJECTS) {
            throw new IllegalArgumentException("a scene needs at least one object and at most "
                    + MAX_OBJECTS + ", was " + count);
        }
        return new SceneSampler(count, false);
    }

    /**
     * Scenes for the binding tasks: exactly two objects of different shapes and different colours
     * (the paper's Appendix D, for every task), not overlapping,
     * neither occluding the other, separated left and right on screen by at least
     * {@link #BINDING_SCREEN_GAP} of the width.
     */
    public static SceneSampler forBinding() {
        return new SceneSampler(2, true);
    }

    public Scene sample(long seed, long index) {
        SplittableRandom random = new SplittableRandom(Seeds.mix(seed, index));
        for (int attempt = 0; attempt < MAX_TRIES; attempt++) {
            List<SceneObject> objects = tryScene(random);
            if (objects != null) {
                return new Scene(index, seed, objects);
            }
        }
        throw new IllegalStateException("no valid scene after " + MAX_TRIES + " draws (seed " + seed
                + ", index " + index + ", " + count + " objects)");
    }

    private List<SceneObject> tryScene(SplittableRandom random) {
        List<SceneObject> objects = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            SceneObject o = tryObject(random, objects);
            if (o == null) {
                return null;
            }
            objects.add(o);
        }
        return objects;
    }

    /** Up to a hundred placements of one new object; null sends the whole scene back. */
    private SceneObject tryObject(SplittableRandom random, List<SceneObject> placed) {
        Shape[] shapes = Shape.values();
        Shape shape = shapes[random.nextInt(shapes.length)];
        if (binding && !placed.isEmpty() && shape == placed.get(0).shape()) {
            return null;
        }
        Color color = Color.values()[random.nextInt(Color.values().length)];
        if (binding && !placed.isEmpty() && color == placed.get(0).color()) {
            return null;
        }
        Size size = Size.values()[random.nextInt(Size.values().length)];
        Material material = Material.values()[random.nextInt(Material.values().length)];
        for (int attempt = 0; attempt < 100; attempt++) {
            double x = random.nextDouble(-AREA, AREA);
            double y = random.nextDouble(-AREA, AREA);
            double rotation = random.nextDouble(0, 360);
            Solid solid = Solid.of(shape, size, x, y, rotation);
            ScreenBox box = solid.box(camera, ScreenBox.REFERENCE_SIZE);
            SceneObject candidate = new SceneObject(shape, color, size, material, x, y, solid.cz, rotation, box);
            if (fits(candidate, placed)) {
                return candidate;
            }
        }
        return null;
    }

    private boolean fits(SceneObject o, List<SceneObject> placed) {
        int margin = (int) Math.ceil(FRAME_MARGIN * ScreenBox.REFERENCE_SIZE);
        ScreenBox b = o.box();
        if (b.minX() < margin || b.minY() < margin || b.maxX() > ScreenBox.REFERENCE_SIZE - margin
                || b.maxY() > ScreenBox.REFERENCE_SIZE - margin) {
            return false;
        }
        for (SceneObject other : placed) {
            double distance = StrictMath.hypot(o.x() - other.x(), o.y() - other.y());
            if (distance - o.size().scale() - other.size().scale() < MIN_GAP) {
                return false;
            }
            if (binding && screenGap(o.box(), other.box()) < BINDING_SCREEN_GAP * ScreenBox.REFERENCE_SIZE) {
                return false;
            }
        }
        return true;
    }

    /** Horizontal gap between two screen boxes (negative when they overlap in x). */
    static double screenGap(ScreenBox a, ScreenBox b) {
        return Math.max(a.minX(), b.minX()) - Math.min(a.maxX(), b.maxX());
    }
}
