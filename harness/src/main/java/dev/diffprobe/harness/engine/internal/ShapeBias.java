package dev.diffprobe.harness.engine.internal;

import dev.diffprobe.harness.classify.Classification;
import dev.diffprobe.harness.run.TaskOutcome;
import dev.diffprobe.harness.run.Verdict;
import dev.diffprobe.tasks.Candidate;
import dev.diffprobe.tasks.Example;

import java.util.List;
import java.util.Locale;

/**
 * Geirhos et al.'s shape bias over a Cue-Conflict outcome: among conflict images (shape class
 * differs from texture class), the share of shape decisions among decisions that hit either cue:
 * shape / (shape + texture). An example's label is its shape class; its texture class is the
 * {@value #TEXTURE} attribute, named like a candidate.
 */
record ShapeBias(int shapeHits, int textureHits, int conflicts) {
    static final String TEXTURE = "texture";

    static ShapeBias of(TaskOutcome outcome) {
        List<Example> examples = outcome.task().examples();
        int shape = 0;
        int texture = 0;
        int conflicts = 0;
        for (int i = 0; i < outcome.classifications().size(); i++) {
            Example example = examples.get(i);
            Classification result = outcome.classifications().get(i);
            int textureIndex = indexOf(example.candidates(), example.attributes().get(TEXTURE));
            if (textureIndex < 0 || textureIndex == example.label()) {
                continue;
            }
            conflicts++;
            if (result.predicted() == example.label()) {
                shape++;
            } else if (result.predicted() == textureIndex) {
                texture++;
            }
        }
        return new ShapeBias(shape, texture, conflicts);
    }

    double bias() {
        return shapeHits + textureHits == 0 ? 0 : (double) shapeHits / (shapeHits + textureHits);
    }

    Verdict verdict(double threshold) {
        return new Verdict("shape-bias", bias() >= threshold, String.format(Locale.ROOT,
                "shape bias %.3f = %d shape / (%d shape + %d texture) decisions over %d conflict images,"
                        + " threshold %.2f", bias(), shapeHits, shapeHits, textureHits, conflicts, threshold));
    }

    private static int indexOf(List<Candidate> candidates, String name) {
        for (int i = 0; name != null && i < candidates.size(); i++) {
            if (candidates.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
