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

    public static Map<String, String> resolved(Map<String, String> settings) {
        String file = settings.get(ClassifierSettings.WEIGHTING_FILE);
        if (file == null || Path.of(file.strip()).isAbsolute()) {
            return settings;
        }
        Map<String, String> copy = new TreeMap<>(settings);
        copy.put(ClassifierSettings.WEIGHTING_FILE, ProjectLayout.root().resolve(file.strip()).normalize().toString());
        return copy;
    }
}
