package dev.diffprobe.models.bench;

import dev.diffprobe.models.Checkpoint;
import dev.diffprobe.models.ModelSettings;

/**
 * Seconds {@link Checkpoint#openDiffusion} takes: validation, TorchScript loading, the dry run
 * and, when the checkpoint has one, the check against its reference.json. Compare a checkpoint
 * folder with a copy of it without reference.json to see what the check costs.
 *
 * <p>Arguments: checkpoint reference, libtorch intra-op threads, loads to time (after one warm-up
 * load); it runs on the CPU. Prints one {@code load<TAB>seconds} line per load.
 */
public final class CheckpointLoad {

    private CheckpointLoad() {
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: CheckpointLoad <checkpoint> <threads> <loads>");
            System.exit(2);
        }
        BenchArgs read = new BenchArgs("CheckpointLoad");
        ModelSettings settings = ModelSettings.defaults().withDevice(ModelSettings.DeviceChoice.CPU)
                .withThreads(read.whole("threads", args[1]));
        int loads = read.whole("loads", args[2]);
        read.run(() -> {
            Checkpoint.openDiffusion(args[0], settings).close();
            for (int i = 1; i <= loads; i++) {
                long start = System.nanoTime();
                Checkpoint.openDiffusion(args[0], settings).close();
                System.out.printf("%d\t%.3f%n", i, (System.nanoTime() - start) / 1e9);
            }
        });
    }
}
