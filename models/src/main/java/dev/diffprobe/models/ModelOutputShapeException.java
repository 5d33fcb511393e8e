package dev.diffprobe.models;

/**
 * A module returned a tensor of another shape than its inputs call for, found on a call after the
 * load-time dry run passed (a module can be right at the dry run's batch size and wrong at
 * others). The model refuses the output rather than read past or short of it.
 */
public final class ModelOutputShapeException extends IllegalStateException {
    public ModelOutputShapeException(String message) {
        super(message);
    }
}
