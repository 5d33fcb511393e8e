package dev.diffprobe.models;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The tiny random checkpoints of src/test/resources/fixtures (written by make_fixtures.py). */
final class Fixtures {

    private Fixtures() {
    }

    static Path dir(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/fixtures/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
