package dev.diffprobe.harness.run;

import dev.diffprobe.harness.classify.ZeroShotClassifier;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A checkpoint opened for a run: its name and fingerprint (journals key on the fingerprint), its
 * kind as model.yaml spells it ({@code diffusion}, {@code contrastive}), the classifier that fits
 * that kind, and that classifier's effective settings, defaults included, for reports (e.g.
 * {@code weighting=heuristic(k=7.0)}). Closing it frees the model's native memory.
 */
public record LoadedCheckpoint(String name, String fingerprint, String kind, ZeroShotClassifier classifier,
                               Map<String, String> settings, AutoCloseable resources) implements AutoCloseable {
    public LoadedCheckpoint {
        settings = Collections.unmodifiableMap(new TreeMap<>(settings));
    }

    @Override
    public void close() throws Exception {
        resources.close();
    }
}
