package dev.diffprobe.tasks.cue;

import java.nio.file.Path;

/** A Cue-Conflict image: the shape of one class rendered with the texture of another (or the same). */
public record Stimulus(Path file, String shape, String texture) {
    /** Whether shape and texture disagree; only such images count towards the shape bias. */
    public boolean isConflict() {
        return !shape.equals(texture);
    }
}
