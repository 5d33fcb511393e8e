package dev.diffprobe.clevr;

/** CLEVR's eight colours with the RGB values of its Blender renderer (properties.json). */
public enum Color {
    GRAY(87, 87, 87), RED(173, 35, 35), BLUE(42, 75, 215), GREEN(29, 105, 20),
    BROWN(129, 74, 25), PURPLE(129, 38, 192), CYAN(41, 208, 208), YELLOW(255, 238, 51);

    private final int r;
    private final int g;
    private final int b;

    Color(int r, int g, int b) {
        this.r = r;
        this.g = g;
        this.b = b;
    }

    public int r() {
        return r;
    }

    public int g() {
        return g;
    }

    public int b() {
        return b;
    }

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
