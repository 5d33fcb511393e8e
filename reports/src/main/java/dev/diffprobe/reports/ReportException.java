package dev.diffprobe.reports;

/**
 * A report could not be made: an unreadable or malformed input file, or an unwritable output.
 * The message names the file and, where there is one, the field.
 */
public class ReportException extends RuntimeException {
    public ReportException(String message) {
        super(message);
    }

    public ReportException(String message, Throwable cause) {
        super(message, cause);
    }
}
