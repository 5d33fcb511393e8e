package dev.diffprobe.tasks.data;

import java.io.IOException;

/** A dataset file or folder is not in the format its reader expects; the message names it and the field. */
public class DatasetFormatException extends IOException {
    public DatasetFormatException(String message) {
        super(message);
    }

    public DatasetFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
