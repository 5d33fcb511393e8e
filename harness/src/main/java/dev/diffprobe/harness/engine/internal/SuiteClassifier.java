package dev.diffprobe.harness.engine.internal;

import dev.diffprobe.harness.classify.ClassifierSettings;
import dev.diffprobe.harness.config.ProjectLayout;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Classifier settings as a suite file spells them, made independent of the working directory: a
 * relative {@value ClassifierSettings#WEIGHTING_FILE} names a file under the project root (Maven
 * runs the probes in the module's directory, a user may run them from anywhere).
 */
public final class SuiteClassifier {
    private SuiteClassifier() {
    }

    /**
     * The classifier settings a run of {@code suite} uses: the suite file's, overridden by
     * {@code overrides} (the {@code diffprobe.classifier.*} settings), resolved. Journals hash
     * exactly these, so the engine and the tools that check journals against a suite file share it.
     */
    public static Map<String, String> of(SuiteSpec suite, Map<String, String> overrides) {
        Map<String, String> classifier = new TreeMap<>(suite.classifier());
        classifier.putAll(overrides);
        return resolved(classifier);
    }

    static Map<String, String> resolved(Map<String, String> settings) {
        String file = settings.get(ClassifierSettings.WEIGHTING_FILE);
        if (file == null || Path.of(file.strip()).isAbsolute()) {
            return settings;
        }
        Map<String, String> copy = new TreeMap<>(settings);
        copy.put(ClassifierSettings.WEIGHTING_FILE, ProjectLayout.root().resolve(file.strip()).normalize().toString());
        return copy;
    }
}
