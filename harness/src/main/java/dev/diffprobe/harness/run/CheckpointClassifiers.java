package dev.diffprobe.harness.run;

import dev.diffprobe.harness.classify.ClassifierSettings;
import dev.diffprobe.harness.classify.ContrastiveClassifier;
import dev.diffprobe.harness.classify.DiffusionClassifier;
import dev.diffprobe.harness.classify.ZeroShotClassifier;
import dev.diffprobe.models.Checkpoint;
import dev.diffprobe.models.Checkpoints;
import dev.diffprobe.models.ContrastiveModel;
import dev.diffprobe.models.DiffusionModel;
import dev.diffprobe.models.ModelConfig;
import dev.diffprobe.models.ModelSettings;

import java.nio.file.Path;
import java.util.Map;

/**
 * The real {@link ClassifierSource}: opens a checkpoint through the models module and puts the
 * classifier of its kind on it, {@link DiffusionClassifier} for {@code kind: diffusion},
 * {@link ContrastiveClassifier} for {@code kind: contrastive}. The run settings' classifier
 * map configures it (unknown keys and bad values fail as named {@code SettingException}s); the
 * run seed is set last, so it wins over a {@code seed} in that map. A contrastive checkpoint uses
 * only the {@code temperature} setting.
 */
public final class CheckpointClassifiers implements ClassifierSource {
    private final ModelSettings models;

    /** Checkpoints load with these model settings (device, batch size, threads, cache). */
    public CheckpointClassifiers(ModelSettings models) {
        this.models = models;
    }

    @Override
    public LoadedCheckpoint open(Path checkpoint, RunSettings settings) {
        ClassifierSettings classifier = classifierSettings(settings);
        String ref = checkpoint.toString();
        ModelConfig config = Checkpoint.config(ref, models);
        if (config.kind() == ModelConfig.Kind.CONTRASTIVE) {
            ContrastiveModel model = Checkpoint.openContrastive(ref, models);
            try {
                return new LoadedCheckpoint(model.name(), model.fingerprint(), "contrastive",
                        new ContrastiveClassifier(model, classifier.temperature()),
                        Map.of(ClassifierSettings.TEMPERATURE, Double.toString(classifier.temperature())), model::close,
                        config.heldOut());
            } catch (RuntimeException e) {
                model.close();
                throw e;
            }
        }
        DiffusionModel model = Checkpoint.openDiffusion(ref, models);
        try {
            return new LoadedCheckpoint(model.name(), model.fingerprint(), "diffusion",
                    new DiffusionClassifier(model, classifier), classifier.describe(), model::close, config.heldOut());
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** Name, fingerprint, kind and settings from model.yaml and the files' bytes; no weights load. */
    @Override
    public LoadedCheckpoint describe(Path checkpoint, RunSettings settings) {
        ClassifierSettings classifier = classifierSettings(settings);
        ModelConfig config = Checkpoint.config(checkpoint.toString(), models);
        ZeroShotClassifier none = (examples, sink) -> {
            throw new IllegalStateException("checkpoint " + config.name() + " was described, not loaded");
        };
        if (config.kind() == ModelConfig.Kind.CONTRASTIVE) {
            return new LoadedCheckpoint(config.name(), Checkpoints.fingerprint(config), "contrastive", none,
                    Map.of(ClassifierSettings.TEMPERATURE, Double.toString(classifier.temperature())), () -> { },
                    config.heldOut());
        }
        return new LoadedCheckpoint(config.name(), Checkpoints.fingerprint(config), "diffusion", none,
                classifier.describe(), () -> { }, config.heldOut());
    }

    private static ClassifierSettings classifierSettings(RunSettings settings) {
        ClassifierSettings.Builder builder = ClassifierSettings.builder();
        settings.classifier().forEach(builder::opt);
        return builder.setSeed(settings.seed()).build();
    }

    @Override
    public Map<String, String> runtime() {
        return Checkpoint.runtime(models);
    }
}
