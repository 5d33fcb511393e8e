package dev.diffprobe.models;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How checkpoints are loaded and run: the device, the largest denoiser batch, libtorch's threads
 * and where embedded checkpoints are extracted. The module reads no properties itself: the
 * harness reads and validates the keys below (models/README.md has the table) and passes the
 * values in, so a bad value is reported once, before anything loads.
 *
 * @param device where the TorchScript modules run
 * @param maxBatch most images one denoiser call takes, at least 1
 * @param threads libtorch intra-op threads, applied once when the engine starts; empty: libtorch's default
 * @param checkpointCache where embedded checkpoints are extracted
 */
public record ModelSettings(DeviceChoice device, int maxBatch, OptionalInt threads, Path checkpointCache) {

    /** {@value}: {@code auto} (GPU 0 when DJL sees one, else CPU), {@code cpu} or {@code gpu}. */
    public static final String DEVICE = "diffprobe.device";

    /** {@value}: most images one denoiser call takes (default {@value #DEFAULT_MAX_BATCH}). */
    public static final String MAX_BATCH = "diffprobe.maxBatch";

    /** {@value}: libtorch intra-op threads, applied once when the engine starts (default: libtorch's). */
    public static final String THREADS = "diffprobe.threads";

    /** {@value}: where embedded checkpoints are extracted (default {@code ${java.io.tmpdir}/diffprobe-checkpoints}). */
    public static final String CHECKPOINT_CACHE = "diffprobe.checkpointCache";

    /** Default of {@value #MAX_BATCH}. */
    public static final int DEFAULT_MAX_BATCH = 64;

    /** Folder of the default {@value #CHECKPOINT_CACHE} inside the JVM's temporary directory. */
    public static final String DEFAULT_CACHE_FOLDER = "diffprobe-checkpoints";

    /** The values of {@value #DEVICE}. */
    public enum DeviceChoice {
        /** GPU 0 when libtorch sees one, else the CPU. */
        AUTO,
        /** The CPU, even when a GPU is present. */
        CPU,
        /** GPU 0; loading fails when libtorch sees none. */
        GPU;

        /** The choice a setting's word names, case-insensitively. */
        public static Optional<DeviceChoice> parse(String word) {
            for (DeviceChoice choice : values()) {
                if (choice.word().equals(word.strip().toLowerCase(Locale.ROOT))) {
                    return Optional.of(choice);
                }
            }
            return Optional.empty();
        }

        /** How the setting spells it. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ModelSettings {
        if (device == null || checkpointCache == null || threads == null) {
            throw new IllegalArgumentException("model settings: device, threads and checkpoint cache are required");
        }
        if (maxBatch < 1) {
            throw new IllegalArgumentException(MAX_BATCH + " must be at least 1, got " + maxBatch);
        }
        if (threads.isPresent() && threads.getAsInt() < 1) {
            throw new IllegalArgumentException(THREADS + " must be at least 1, got " + threads.getAsInt());
        }
    }

    /** Every default, with the cache in the JVM's temporary directory. */
    public static ModelSettings defaults() {
        return new ModelSettings(DeviceChoice.AUTO, DEFAULT_MAX_BATCH, OptionalInt.empty(),
                Path.of(System.getProperty("java.io.tmpdir"), DEFAULT_CACHE_FOLDER));
    }

    public ModelSettings withDevice(DeviceChoice choice) {
        return new ModelSettings(choice, maxBatch, threads, checkpointCache);
    }

    public ModelSettings withMaxBatch(int batch) {
        return new ModelSettings(device, batch, threads, checkpointCache);
    }

    public ModelSettings withThreads(int count) {
        return new ModelSettings(device, maxBatch, OptionalInt.of(count), checkpointCache);
    }

    public ModelSettings withCheckpointCache(Path cache) {
        return new ModelSettings(device, maxBatch, threads, cache);
    }

    /** The DJL device; a GPU asked for and absent is an error naming the setting. */
    Device torchDevice(Engine engine) {
        return switch (device) {
            case AUTO -> engine.getGpuCount() > 0 ? Device.gpu() : Device.cpu();
            case CPU -> Device.cpu();
            case GPU -> {
                if (engine.getGpuCount() == 0) {
                    throw new IllegalArgumentException(DEVICE + "=gpu, but libtorch sees no GPU"
                            + " (build with -Pcuda for the CUDA natives, and check the driver)");
                }
                yield Device.gpu();
            }
        };
    }
}
