package dev.diffprobe.harness.run;

/** A task that could not be run, e.g. an unreadable checkpoint; the message names task and file. */
public final class RunException extends RuntimeException {
    public RunException(String message) {
        super(message);
    }

    public RunException(String message, Throwable cause) {
        super(message, cause);
    }
}
