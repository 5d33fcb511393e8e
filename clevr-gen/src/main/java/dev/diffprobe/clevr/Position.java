package dev.diffprobe.clevr;

/** Left/right as seen by the camera, the position attribute of the binding tasks. */
public enum Position {
    LEFT, RIGHT;

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
