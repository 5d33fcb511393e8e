package dev.diffprobe.harness.engine;

import dev.diffprobe.harness.engine.internal.SuiteClassifier;
import dev.diffprobe.harness.engine.internal.SuiteReader;
import dev.diffprobe.harness.engine.internal.SuiteSpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A suite file read without running it, for the tools that calibrate and check its verdicts. */
final class SuiteFiles {
    private SuiteFiles() {
    }

    /** The suite a file declares; a file that is not a valid suite is an error listing its problems. */
    static SuiteSpec read(Path suiteFile) throws IOException {
        String name = suiteFile.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        SuiteReader.Result read = SuiteReader.readOffline(name, Files.readString(suiteFile, StandardCharsets.UTF_8));
        return read.suite().orElseThrow(() -> new IllegalArgumentException(suiteFile + ": "
                + read.problems().stream().map(p -> "line " + p.line() + ": " + p.message()).toList()));
    }

    /** The classifier settings a run of the suite uses when no setting overrides them, as journals hash them. */
    static Map<String, String> classifier(SuiteSpec suite) {
        return SuiteClassifier.of(suite, Map.of());
    }
}
