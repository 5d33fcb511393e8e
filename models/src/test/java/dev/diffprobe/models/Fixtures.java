package dev.diffprobe.models;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The tiny random checkpoints of src/test/resources/fixtures (written by make_fixtures.py). */
final class Fixtures {

    private Fixtures() {
    }

    /**
     * The settings every test loads with. One libtorch thread: the tests check numbers, not speed,
     * and on a machine whose cores other jobs share libtorch's default of one OpenMP thread per
     * core makes every forward wait for cores held elsewhere (~10x slower, models/README.md section 6).
     */
    static ModelSettings settings() {
        return ModelSettings.defaults().withThreads(1);
    }

    /** A writable copy of a fixture checkpoint under {@code parent}, to break. */
    static Path copy(String name, Path parent) throws IOException {
        Path target = Files.createDirectories(parent.resolve(name));
        try (Stream<Path> files = Files.list(dir(name))) {
            for (Path file : files.toList()) {
                Files.copy(file, target.resolve(file.getFileName()));
            }
        }
        return target;
    }

    static Path dir(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/fixtures/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
