package dev.diffprobe.models;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Opens checkpoints: a directory path or the name of an embedded one (see {@link Checkpoints}),
 * validated and dry-run at load so that a broken checkpoint fails here, not inside a run.
 */
public final class Checkpoint {

    /** The checkpoint suites, tests and benchmarks use unless told otherwise. */
    public static final String DEFAULT = "tiny-clevr-diffusion";

    private Checkpoint() {
    }

    /** The validated model.yaml of a checkpoint, without loading any TorchScript. */
    public static ModelConfig config(String ref) {
        return ModelConfig.read(Checkpoints.resolve(ref));
    }

    /** A diffusion checkpoint on the {@link ModelSettings#DEVICE} device, batches up to {@link ModelSettings#MAX_BATCH}. */
    public static DiffusionModel openDiffusion(String ref) {
        ModelConfig config = config(ref);
        require(config, ModelConfig.Kind.DIFFUSION);
        Device device = ModelSettings.device(TorchRuntime.engine());
        return TorchDiffusionModel.load(config, Checkpoints.fingerprint(config), device, ModelSettings.maxBatch());
    }

    /** A contrastive (CLIP-style) checkpoint on the {@link ModelSettings#DEVICE} device. */
    public static ContrastiveModel openContrastive(String ref) {
        ModelConfig config = config(ref);
        require(config, ModelConfig.Kind.CONTRASTIVE);
        Device device = ModelSettings.device(TorchRuntime.engine());
        return TorchContrastiveModel.load(config, Checkpoints.fingerprint(config), device);
    }

    /** Convenience for callers holding a path. */
    public static DiffusionModel openDiffusion(Path directory) {
        return openDiffusion(directory.toString());
    }

    private static void require(ModelConfig config, ModelConfig.Kind kind) {
        if (config.kind() != kind) {
            throw new CheckpointException(config.label(), List.of("is a " + config.kind().name().toLowerCase(
                    Locale.ROOT) + " checkpoint (model.yaml 'kind'), expected " + kind.name()
                    .toLowerCase(Locale.ROOT)));
        }
    }
}
