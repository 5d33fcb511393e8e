package dev.diffprobe.harness.engine.internal;

import org.junit.platform.commons.util.ClassLoaderUtils;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClasspathResourceSource;
import org.junit.platform.engine.support.descriptor.FilePosition;
import org.junit.platform.engine.support.descriptor.FileSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A suite file, on the classpath (e.g. {@code probes/binding.yaml}) or on disk. Its base name is
 * the suite's name. Sources point at a line so that IDEs and reports can jump to the task.
 */
public record SuiteFile(String name, Optional<String> resource, Optional<Path> path) {

    /** The classpath folder that suites are scanned from. */
    public static final String FOLDER = "probes";

    public static SuiteFile classpath(String resource) {
        return new SuiteFile(baseName(resource), Optional.of(resource), Optional.empty());
    }

    public static SuiteFile file(Path path) {
        return new SuiteFile(baseName(path.getFileName().toString()), Optional.empty(),
                Optional.of(path.toAbsolutePath().normalize()));
    }

    public static boolean isSuiteName(String fileName) {
        return fileName.endsWith(".yaml") || fileName.endsWith(".yml");
    }

    public String read() throws IOException {
        if (path.isPresent()) {
            return Files.readString(path.get(), StandardCharsets.UTF_8);
        }
        String name = resource.orElseThrow();
        try (InputStream in = ClassLoaderUtils.getDefaultClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("no classpath resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Where the file is, as a person would look for it. */
    public String location() {
        return path.map(Path::toString).orElseGet(() -> "classpath:" + resource.orElseThrow());
    }

    public TestSource source() {
        return path.<TestSource>map(p -> FileSource.from(p.toFile()))
                .orElseGet(() -> ClasspathResourceSource.from(resource.orElseThrow()));
    }

    /** A source at a 1-based line; line 0 means the file as a whole. */
    public TestSource source(int line) {
        if (line <= 0) {
            return source();
        }
        FilePosition position = FilePosition.from(line);
        return path.<TestSource>map(p -> FileSource.from(p.toFile(), position))
                .orElseGet(() -> ClasspathResourceSource.from(resource.orElseThrow(), position));
    }

    private static String baseName(String fileName) {
        String last = fileName.substring(fileName.lastIndexOf('/') + 1);
        int dot = last.lastIndexOf('.');
        return dot > 0 ? last.substring(0, dot) : last;
    }
}
