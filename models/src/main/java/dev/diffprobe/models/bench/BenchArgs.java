package dev.diffprobe.models.bench;

import dev.diffprobe.models.CheckpointException;
import java.io.IOException;

/**
 * The benchmarks' command lines: a bad number or an unusable checkpoint ends the run with the
 * tool's name and what was wrong (exit status 2 and 1), never a stack trace.
 */
final class BenchArgs {
    private final String tool;

    BenchArgs(String tool) {
        this.tool = tool;
    }

    /** A whole number of at least 1. */
    int whole(String what, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        return refuse(what + " must be a whole number of at least 1, not '" + value + "'");
    }

    /** A positive, finite number of seconds. */
    double seconds(String what, String value) {
        try {
            double s = Double.parseDouble(value);
            if (s > 0 && Double.isFinite(s)) {
                return s;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        refuse(what + " must be a positive number of seconds, not '" + value + "'");
        return 0;
    }

    /** Runs the benchmark; a checkpoint that cannot be opened or a file that cannot be read ends it by name. */
    void run(Body body) {
        try {
            body.run();
        } catch (CheckpointException e) {
            System.err.println(tool + ": " + e.getMessage());
            System.exit(1);
        } catch (IOException e) {
            System.err.println(tool + ": cannot read or write " + e.getMessage() + " (" + e.getClass().getSimpleName() + ")");
            System.exit(1);
        }
    }

    private int refuse(String message) {
        System.err.println(tool + ": " + message);
        System.exit(2);
        return 0;
    }

    interface Body {
        void run() throws IOException;
    }
}
