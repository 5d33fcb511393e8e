package dev.diffprobe.harness.run;

import java.nio.file.Path;

/** A journal that cannot be read or written; the message names the file and, if known, the line. */
public final class JournalException extends RuntimeException {
    public JournalException(Path file, String problem) {
        super("journal " + file + ": " + problem);
    }

    public JournalException(Path file, String problem, Throwable cause) {
        super("journal " + file + ": " + problem, cause);
    }
}
