package dev.diffprobe.harness.run;

import dev.diffprobe.harness.classify.ZeroShotClassifier;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A checkpoint opened for a run: its name and fingerprint (journals key on the fingerprint), its
 * kind as model.yaml spells it ({@code diffusion}, {@code contrastive}), the classifier that fits
 * that kind, and that classifier's effective settings, defaults included, for reports (e.g.
 * {@code weighting=heuristic(k=7.0)}), and the {@code shape:colour} compositions its training
 * data left out ({@code held_out} in model.yaml; empty when none). Closing it frees the model's
 * native memory.
 */
public record LoadedCheckpoint(String name, String fingerprint, String kind, ZeroShotClassifier classifier,
                               Map<String, String> settings, AutoCloseable resources, List<String> heldOut)
        implements AutoCloseable {
    public LoadedCheckpoint {
        settings = Collections.unmodifiableMap(new TreeMap<>(settings));
        heldOut = List.copyOf(heldOut);
    }

    /** A checkpoint that declares no held-out compositions. */
    public LoadedCheckpoint(String name, String fingerprint, String kind, ZeroShotClassifier classifier,
                            Map<String, String> settings, AutoCloseable resources) {
        this(name, fingerprint, kind, classifier, settings, resources, List.of());
    }

    @Override
    public void close() throws Exception {
        resources.close();
    }
}
