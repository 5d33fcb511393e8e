package dev.diffprobe.clevr;

/** CLEVR's materials: rubber is matte, metal is specular and mirror-like. */
public enum Material {
    RUBBER, METAL;

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
