package dev.diffprobe.harness.engine.internal;

import dev.diffprobe.harness.classify.ClassifierSettings;
import dev.diffprobe.harness.classify.SettingException;
import dev.diffprobe.harness.run.Claims;
import dev.diffprobe.harness.run.Comparison;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@link SuiteReader.SuiteChecks} against this project's checkpoints, classifier and tasks. */
final class EngineChecks implements SuiteReader.SuiteChecks {
    private final Map<String, String> classifierOverrides;
    private final boolean modelGiven;
    private final Path cache;

    /**
     * @param classifierOverrides the {@code -D} classifier settings, which apply on top of a suite's
     * @param modelGiven whether {@code -Dmodel} replaces the suites' checkpoints (it is checked on its own)
     * @param cache where embedded checkpoints are extracted
     */
    EngineChecks(Map<String, String> classifierOverrides, boolean modelGiven, Path cache) {
        this.classifierOverrides = classifierOverrides;
        this.modelGiven = modelGiven;
        this.cache = cache;
    }

    @Override
    public Optional<String> checkpoint(String reference, boolean suiteLevel) {
        if (suiteLevel && modelGiven) {
            return Optional.empty();
        }
        return Checkpoints.resolve(reference, cache).isPresent() ? Optional.empty()
                : Optional.of(Checkpoints.problem(reference, cache));
    }

    /** Every bad setting: each value that does not parse, then each out of range, then the weighting file. */
    @Override
    public List<SuiteReader.SettingProblem> classifier(Map<String, String> settings, long seed) {
        ClassifierSettings.Builder builder = ClassifierSettings.builder().setSeed(seed);
        List<SuiteReader.SettingProblem> problems = new ArrayList<>();
        Map<String, String> all = new LinkedHashMap<>(SuiteClassifier.resolved(settings));
        all.putAll(classifierOverrides);
        all.forEach((key, value) -> {
            try {
                builder.opt(key, value);
            } catch (SettingException e) {
                problems.add(problem(e));
            }
        });
        builder.problems().forEach(e -> problems.add(problem(e)));
        if (problems.isEmpty()) {
            try {
                builder.build();
            } catch (RuntimeException e) {
                // A learned weighting's file is read while building; its error names the file.
                problems.add(new SuiteReader.SettingProblem(Optional.empty(), "classifier settings: " + e.getMessage()));
            }
        }
        return problems;
    }

    /** A -D override is on no line of the suite; it is then reported at the suite's classifier map. */
    private SuiteReader.SettingProblem problem(SettingException e) {
        return new SuiteReader.SettingProblem(classifierOverrides.containsKey(e.key()) ? Optional.empty()
                : Optional.of(e.key()), e.getMessage());
    }

    @Override
    public Optional<String> comparison(Comparison comparison) {
        Claims claims = Claims.load();
        return claims.find(comparison.claim()).map(c -> c.problem(comparison))
                .orElseGet(() -> Optional.of("unknown claim '" + comparison.claim() + "'; known claims: " + claims.words()));
    }
}
