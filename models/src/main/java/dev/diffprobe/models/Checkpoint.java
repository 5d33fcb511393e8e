package dev.diffprobe.models;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Map;

/**
 * Opens checkpoints: a directory path or the name of an embedded one (see {@link Checkpoints}),
 * validated, dry-run and checked against its reference.json at load, so that a broken or
 * misdescribed checkpoint fails here, not inside a run.
 */
public final class Checkpoint {

    /** The checkpoint suites, tests and benchmarks use unless told otherwise. */
    public static final String DEFAULT = "tiny-clevr-diffusion";

    private Checkpoint() {
    }

    /** The validated model.yaml of a checkpoint, without loading any TorchScript. */
    public static ModelConfig config(String ref, ModelSettings settings) {
        return ModelConfig.read(Checkpoints.resolve(ref, settings.checkpointCache()));
    }

    /** A diffusion checkpoint on the settings' device, batches up to their {@link ModelSettings#maxBatch()}. */
    public static DiffusionModel openDiffusion(String ref, ModelSettings settings) {
        ModelConfig config = config(ref, settings);
        require(config, ModelConfig.Kind.DIFFUSION);
        Device device = settings.torchDevice(TorchRuntime.engine(settings.threads()));
        Optional<Reference> reference = ReferenceCheck.of(config, !device.isGpu(), CpuKernels.current());
        DiffusionModel model = TorchDiffusionModel.load(config, Checkpoints.fingerprint(config), device,
                settings.maxBatch());
        reference.map(r -> ReferenceCheck.diffusion(model, config, r)).filter(p -> !p.isEmpty())
                .ifPresent(problems -> refuse(model::close, config, problems));
        return model;
    }

    /** A contrastive (CLIP-style) checkpoint on the settings' device. */
    public static ContrastiveModel openContrastive(String ref, ModelSettings settings) {
        ModelConfig config = config(ref, settings);
        require(config, ModelConfig.Kind.CONTRASTIVE);
        Device device = settings.torchDevice(TorchRuntime.engine(settings.threads()));
        Optional<Reference> reference = ReferenceCheck.of(config, !device.isGpu(), CpuKernels.current());
        ContrastiveModel model = TorchContrastiveModel.load(config, Checkpoints.fingerprint(config), device);
        reference.map(r -> ReferenceCheck.contrastive(model, config, r)).filter(p -> !p.isEmpty())
                .ifPresent(problems -> refuse(model::close, config, problems));
        return model;
    }

    private static void refuse(Runnable close, ModelConfig config, List<String> problems) {
        close.run();
        throw new CheckpointException(config.label(), problems.stream().map(p -> "model.yaml contradicts its"
                + " weights: " + p).toList());
    }

    /**
     * What the checkpoints of this process run on, for reports: the DJL and libtorch versions and
     * the device the settings choose. Starts libtorch if no checkpoint has yet.
     */
    public static Map<String, String> runtime(ModelSettings settings) {
        Engine engine = TorchRuntime.engine(settings.threads());
        Map<String, String> runtime = new LinkedHashMap<>();
        runtime.put("DJL", Engine.getDjlVersion());
        runtime.put("libtorch", engine.getVersion());
        Device device = settings.torchDevice(engine);
        runtime.put("device", device.toString());
        if (!device.isGpu()) {
            runtime.put("oneDNN", CpuKernels.current().describe());
        }
        return runtime;
    }

    /** Convenience for callers holding a path. */
    public static DiffusionModel openDiffusion(Path directory, ModelSettings settings) {
        return openDiffusion(directory.toString(), settings);
    }

    /**
     * Why the settings' device cannot be used, checked before any checkpoint loads. Only
     * {@code gpu} can fail; only then does it start libtorch to count the GPUs.
     */
    public static Optional<String> deviceProblem(ModelSettings settings) {
        if (settings.device() != ModelSettings.DeviceChoice.GPU) {
            return Optional.empty();
        }
        try {
            settings.torchDevice(TorchRuntime.engine(settings.threads()));
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static void require(ModelConfig config, ModelConfig.Kind kind) {
        if (config.kind() != kind) {
            throw new CheckpointException(config.label(), List.of("is a " + config.kind().name().toLowerCase(
                    Locale.ROOT) + " checkpoint (model.yaml 'kind'), expected " + kind.name()
                    .toLowerCase(Locale.ROOT)));
        }
    }
}
