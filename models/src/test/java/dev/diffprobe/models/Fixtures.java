package dev.diffprobe.models;

import java.net.URISyntaxException;
import java.nio.file.Path;

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

    static Path dir(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/fixtures/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
