package dev.diffprobe.tasks.cue;

/** A response (model prediction or human answer) to a stimulus of the given shape and texture class. */
public record Decision(String shape, String texture, String response) {
}
