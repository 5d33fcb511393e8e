package dev.diffprobe.clevr;

/** CLEVR's two sizes; {@link #scale()} is the half-extent in world units, as CLEVR uses. */
public enum Size {
    SMALL(0.35), LARGE(0.7);

    private final double scale;

    Size(double scale) {
        this.scale = scale;
    }

    public double scale() {
        return scale;
    }

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
