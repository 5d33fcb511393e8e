package dev.diffprobe.harness.engine.internal;

import dev.diffprobe.harness.classify.ClassifierSettings;
import dev.diffprobe.harness.classify.SettingException;

import java.util.Map;
import java.util.Optional;

/** The {@link SuiteReader.SuiteChecks} against this project's checkpoints, classifier and tasks. */
final class EngineChecks implements SuiteReader.SuiteChecks {
    private final Map<String, String> classifierOverrides;
    private final boolean modelGiven;

    /**
     * @param classifierOverrides the {@code -D} classifier settings, which apply on top of a suite's
     * @param modelGiven whether {@code -Dmodel} replaces the suites' checkpoints (it is checked on its own)
     */
    EngineChecks(Map<String, String> classifierOverrides, boolean modelGiven) {
        this.classifierOverrides = classifierOverrides;
        this.modelGiven = modelGiven;
    }

    @Override
    public Optional<String> checkpoint(String reference, boolean suiteLevel) {
        if (suiteLevel && modelGiven) {
            return Optional.empty();
        }
        return Checkpoints.resolve(reference).isPresent() ? Optional.empty() : Optional.of(Checkpoints.problem(reference));
    }

    @Override
    public Optional<String> classifier(Map<String, String> settings, long seed) {
        ClassifierSettings.Builder builder = ClassifierSettings.builder().setSeed(seed);
        try {
            settings.forEach(builder::opt);
            classifierOverrides.forEach(builder::opt);
            builder.build();
            return Optional.empty();
        } catch (SettingException e) {
            return Optional.of(e.getMessage());
        } catch (RuntimeException e) {
            // A learned weighting's file is read while building; its error names the file.
            return Optional.of("classifier settings: " + e.getMessage());
        }
    }

    @Override
    public Optional<String> source(TaskSpec task) {
        return TaskFactory.sourceProblem(task);
    }
}
