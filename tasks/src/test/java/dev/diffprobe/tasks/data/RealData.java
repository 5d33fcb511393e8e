package dev.diffprobe.tasks.data;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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

    /**
     * {@code root}, when it holds {@code dataset} in any of the catalog's layouts (a sample or the
     * full upstream files); otherwise the test is skipped with the paths it looked for.
     */
    public static Path requireDataset(Path root, String dataset) {
        List<String> paths = DatasetCatalog.entry(dataset).paths();
        assumeTrue(paths.stream().anyMatch(p -> Files.exists(root.resolve(p))), () -> "skipped: real data absent,"
                + " expected one of " + paths + " under " + root.toAbsolutePath().normalize());
        return root;
    }

    /** {@code root/folder}, or the test is skipped with the path it needed. */
    public static Path require(Path root, String folder) {
        Path path = root.resolve(folder);
        assumeTrue(Files.exists(path), () -> "skipped: real data absent, expected " + path.toAbsolutePath().normalize());
        return path;
    }
}
