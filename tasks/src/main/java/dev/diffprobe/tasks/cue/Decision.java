package dev.diffprobe.tasks.cue;

import dev.diffprobe.tasks.Example;

/** A response (model prediction or human answer) to a stimulus of the given shape and texture class. */
public record Decision(String shape, String texture, String response) {
    /** What a response is when there is none (a failed example, a human's "na"): neither class. */
    public static final String NO_RESPONSE = "na";

    /**
     * A classifier's decision on a {@link CueConflict#task} example: {@code predicted} indexes its
     * candidates; a negative index (the example failed) is no response.
     */
    public static Decision of(Example example, int predicted) {
        String shape = example.attributes().get("shape");
        String texture = example.attributes().get("texture");
        if (shape == null || texture == null) {
            throw new IllegalArgumentException("example " + example.id()
                    + " has no shape/texture attributes: not a Cue-Conflict example");
        }
        String response = predicted < 0 ? NO_RESPONSE : example.candidates().get(predicted).name();
        return new Decision(shape, texture, response);
    }
}
