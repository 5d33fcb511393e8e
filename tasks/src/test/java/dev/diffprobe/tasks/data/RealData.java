package dev.diffprobe.tasks.data;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The data roots of the tests on real files: {@code diffprobe.data} (default, set by the pom:
 * ../shared/datasets from the repository root) and {@code diffprobe.fashion} (Debian's
 * /usr/share/datasets). A test whose folder is absent is skipped, saying what it looked for.
 */
public final class RealData {
    private RealData() {
    }

    public static Path shared() {
        return Path.of(System.getProperty("diffprobe.data", "../../shared/datasets"));
    }

    public static Path debian() {
        return Path.of(System.getProperty("diffprobe.fashion", "/usr/share/datasets"));
    }

    /** {@code root/folder}, or the test is skipped with the path it needed. */
    public static Path require(Path root, String folder) {
        Path path = root.resolve(folder);
        assumeTrue(Files.exists(path), () -> "skipped: real data absent, expected " + path.toAbsolutePath().normalize());
        return path;
    }
}
