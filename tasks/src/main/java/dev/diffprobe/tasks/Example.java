package dev.diffprobe.tasks;

import java.util.List;
import java.util.Map;

/**
 * One thing to classify: a stable id (journals and seeds key on it), the image, the candidates
 * and the index of the true one. {@code attributes} carries task-specific facts a metric needs
 * (e.g. the texture class of a Cue-Conflict image).
 */
public record Example(String id, ImageSource image, List<Candidate> candidates, int label,
                      Map<String, String> attributes) {
    public Example {
        candidates = List.copyOf(candidates);
        attributes = Map.copyOf(attributes);
        if (label < 0 || label >= candidates.size()) {
            throw new IllegalArgumentException("example " + id + ": label " + label
                    + " outside 0.." + (candidates.size() - 1));
        }
    }
}
