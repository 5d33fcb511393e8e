package dev.diffprobe.tasks.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A dataset is not where the catalog expects it. The engine reports the suite's task skipped with
 * this message: the path expected and where to get the data.
 */
public class MissingDataException extends IOException {
    private final transient Path expected;
    private final String source;

    public MissingDataException(String dataset, Path expected, String source) {
        super("missing data for " + dataset + ": expected " + expected + ", get it from " + source);
        this.expected = expected;
        this.source = source;
    }

    public Path expected() {
        return expected;
    }

    public String source() {
        return source;
    }
}
