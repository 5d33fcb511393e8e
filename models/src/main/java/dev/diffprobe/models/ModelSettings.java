package dev.diffprobe.models;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.nio.file.Path;
import java.util.Locale;

/** The system properties this module reads; models/README.md has the table. */
public final class ModelSettings {

    /** {@value}: {@code auto} (GPU 0 when DJL sees one, else CPU), {@code cpu} or {@code gpu}. */
    public static final String DEVICE = "diffprobe.device";

    /** {@value}: most images one denoiser call takes (default 64). */
    public static final String MAX_BATCH = "diffprobe.maxBatch";

    /** {@value}: libtorch intra-op threads, applied once when the engine starts (default: libtorch's). */
    public static final String THREADS = "diffprobe.threads";

    /** {@value}: where embedded checkpoints are extracted (default {@code ${java.io.tmpdir}/diffprobe-checkpoints}). */
    public static final String CHECKPOINT_CACHE = "diffprobe.checkpointCache";

    static final int DEFAULT_MAX_BATCH = 64;

    private ModelSettings() {
    }

    static int maxBatch() {
        String value = System.getProperty(MAX_BATCH);
        if (value == null) {
            return DEFAULT_MAX_BATCH;
        }
        try {
            int maxBatch = Integer.parseInt(value.trim());
            if (maxBatch > 0) {
                return maxBatch;
            }
        } catch (NumberFormatException e) {
            // reported below with the setting's name
        }
        throw new IllegalArgumentException(MAX_BATCH + " must be a positive integer, got '" + value + "'");
    }

    static Path checkpointCache() {
        String value = System.getProperty(CHECKPOINT_CACHE);
        if (value != null) {
            return Path.of(value);
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "diffprobe-checkpoints");
    }

    static Device device(Engine engine) {
        String value = System.getProperty(DEVICE, "auto").trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "auto" -> engine.getGpuCount() > 0 ? Device.gpu() : Device.cpu();
            case "cpu" -> Device.cpu();
            case "gpu" -> {
                if (engine.getGpuCount() == 0) {
                    throw new IllegalArgumentException(DEVICE + "=gpu, but libtorch sees no GPU"
                            + " (build with -Pcuda for the CUDA natives, and check the driver)");
                }
                yield Device.gpu();
            }
            default -> throw new IllegalArgumentException(
                    DEVICE + " must be auto, cpu or gpu, got '" + value + "'");
        };
    }
}
