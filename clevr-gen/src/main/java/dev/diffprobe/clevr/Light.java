package dev.diffprobe.clevr;

/**
 * One of CLEVR's three lamps (key, fill, back) as a square area light: {@code radius} sets
 * how soft its shadows are, {@code intensity} how much it contributes to a surface facing it.
 */
record Light(double x, double y, double z, double radius, double intensity) {
    /** Positions as in CLEVR's base scene, before its per-image jitter (which we leave out). */
    static final Light[] CLEVR = {
        new Light(6.44, -2.91, 4.26, 1.0, 0.72),
        new Light(-4.67, -4.01, 3.01, 1.0, 0.22),
        new Light(-1.17, 2.65, 5.82, 1.0, 0.28),
    };
}
