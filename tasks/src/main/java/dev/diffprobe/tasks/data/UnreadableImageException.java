package dev.diffprobe.tasks.data;

import java.io.IOException;

/** An example's image could not be read or decoded; the message names the file or entry. */
public class UnreadableImageException extends IOException {
    public UnreadableImageException(String message) {
        super(message);
    }

    public UnreadableImageException(String message, Throwable cause) {
        super(message, cause);
    }
}
