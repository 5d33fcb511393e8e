package dev.diffprobe.harness.engine;

import dev.diffprobe.harness.config.DiffProbeSettings;
import dev.diffprobe.harness.config.Settings;
import dev.diffprobe.harness.engine.internal.SuiteFile;
import dev.diffprobe.harness.engine.internal.SuiteReader;
import dev.diffprobe.harness.engine.internal.SuiteSpec;
import dev.diffprobe.harness.engine.internal.TaskSpec;
import dev.diffprobe.harness.run.RecordedBaseline;
import dev.diffprobe.models.Checkpoint;
import dev.diffprobe.models.ModelConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Loads every checkpoint the asked-for suites would run, with the load-time check against each
 * one's reference.json, and says whether all of them passed: {@code bin/java} runs it in a JVM
 * with oneDNN uncapped before starting a suite's JVM on a processor where uncapped oneDNN
 * miscomputes some convolutions, and keeps the suite uncapped (about 1.6x faster there) only when
 * it exits 0. The check it repeats is what guards the run itself; this only spares a suite the
 * cap when nothing it loads needs it.
 *
 * <p>Settings are the engine's ({@code -Dsuite}, {@code -Dmodel}, {@code -Dbaseline}, the model
 * settings), as system properties; suites are looked up on the classpath. Exit status 0 when every
 * checkpoint loaded, 1 when one did not (each named on standard output), 2 when the settings or a
 * suite cannot be read.
 */
public final class KernelPreflight {
    private KernelPreflight() {
    }

    public static void main(String[] args) {
        int status;
        try {
            status = run(Settings.fromSystemProperties(), System.out);
        } catch (IllegalArgumentException e) {
            System.out.println("kernel preflight: " + e.getMessage());
            status = 2;
        }
        System.exit(status);
    }

    static int run(Settings settings, PrintStream out) {
        Set<String> checkpoints;
        try {
            checkpoints = checkpoints(settings);
        } catch (IOException | IllegalArgumentException e) {
            out.println("kernel preflight: " + e.getMessage());
            return 2;
        }
        int refused = 0;
        for (String checkpoint : checkpoints) {
            try {
                if (Checkpoint.config(checkpoint, settings.models()).kind() == ModelConfig.Kind.CONTRASTIVE) {
                    Checkpoint.openContrastive(checkpoint, settings.models()).close();
                } else {
                    Checkpoint.openDiffusion(checkpoint, settings.models()).close();
                }
                out.println("kernel preflight: " + checkpoint + ": passes its load-time checks");
            } catch (RuntimeException e) {
                out.println("kernel preflight: " + checkpoint + ": " + e.getMessage());
                refused++;
            }
        }
        return refused == 0 ? 0 : 1;
    }

    /** The checkpoint references of the wanted suites, {@code -Dmodel} in place of a suite's own, and a checkpoint baseline. */
    static Set<String> checkpoints(Settings settings) throws IOException {
        if (settings.suites().orElse(Set.of()).contains(DiffProbeSettings.ALL_SUITES)) {
            throw new IllegalArgumentException("-D" + DiffProbeSettings.SUITE + "=" + DiffProbeSettings.ALL_SUITES
                    + " is not checked: name the suites");
        }
        Set<String> checkpoints = new LinkedHashSet<>();
        for (String name : settings.wantedNames()) {
            SuiteReader.Result read = SuiteReader.readOffline(name,
                    SuiteFile.classpath(SuiteFile.FOLDER + "/" + name + ".yaml").read());
            SuiteSpec suite = read.suite().orElseThrow(() -> new IllegalArgumentException("suite " + name + ": "
                    + read.problems().stream().map(p -> "line " + p.line() + ": " + p.message()).toList()));
            checkpoints.add(settings.model().orElse(suite.checkpoint()));
            suite.tasks().stream().map(TaskSpec::checkpoint).flatMap(Optional::stream).forEach(checkpoints::add);
        }
        settings.baseline().filter(b -> !RecordedBaseline.isRecorded(Path.of(b))).ifPresent(checkpoints::add);
        return checkpoints;
    }
}
