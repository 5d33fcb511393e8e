package dev.diffprobe.harness.config;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the project's root directory is, seen from the working directory: Maven runs a module's
 * tests in the module's directory, so the root is the top of the unbroken chain of directories
 * that hold a {@code pom.xml}. The default data root is found beside it.
 */
public final class ProjectLayout {
    private ProjectLayout() {
    }

    /** The project's root directory. */
    public static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        Path root = dir;
        for (Path d = dir; d != null && Files.isRegularFile(d.resolve("pom.xml")); d = d.getParent()) {
            root = d;
        }
        return root;
    }
}
