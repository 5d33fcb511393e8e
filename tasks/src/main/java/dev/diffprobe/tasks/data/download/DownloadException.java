package dev.diffprobe.tasks.data.download;

import java.io.IOException;

/** A dataset that was asked for could not be fetched, verified or unpacked; the message says how to get it by hand. */
public class DownloadException extends IOException {
    public DownloadException(String message) {
        super(message);
    }

    public DownloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
