package dev.diffprobe.clevr;

/** CLEVR's three shapes; {@link #word()} is the noun used in captions and prompts. */
public enum Shape {
    CUBE("cube"), SPHERE("sphere"), CYLINDER("cylinder");

    private final String word;

    Shape(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }
}
