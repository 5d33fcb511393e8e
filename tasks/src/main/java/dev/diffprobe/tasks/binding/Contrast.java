package dev.diffprobe.tasks.binding;

/** A true description of a scene and the false one it is tested against. */
public record Contrast(String positive, String negative) {
    public Contrast {
        if (positive.equals(negative)) {
            throw new IllegalArgumentException("positive and negative prompt are both '" + positive + "'");
        }
    }
}
