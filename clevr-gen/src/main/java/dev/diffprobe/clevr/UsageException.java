package dev.diffprobe.clevr;

/** A bad command line: its message is the one line the CLI prints before exiting non-zero. */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
