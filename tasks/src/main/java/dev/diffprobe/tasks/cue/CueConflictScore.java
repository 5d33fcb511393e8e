package dev.diffprobe.tasks.cue;

import java.util.List;

/**
 * Shape and texture decisions as bethgelab/model-vs-human's {@code ShapeBias} analysis counts
 * them: images whose shape equals their texture are left out of both counts, but (as there) the
 * accuracies divide by every trial. Shape bias = shape / (shape + texture) decisions.
 */
public record CueConflictScore(int trials, int conflicts, int shapeDecisions, int textureDecisions) {
    public static CueConflictScore of(List<Decision> decisions) {
        int conflicts = 0;
        int shape = 0;
        int texture = 0;
        for (Decision d : decisions) {
            if (d.shape().equals(d.texture())) {
                continue;
            }
            conflicts++;
            if (d.response().equals(d.shape())) {
                shape++;
            } else if (d.response().equals(d.texture())) {
                texture++;
            }
        }
        return new CueConflictScore(decisions.size(), conflicts, shape, texture);
    }

    /** Fraction of trials answered with the shape class of a conflict image. */
    public double shapeAccuracy() {
        return (double) shapeDecisions / trials;
    }

    /** Fraction of trials answered with the texture class of a conflict image. */
    public double textureAccuracy() {
        return (double) textureDecisions / trials;
    }

    /** Shape decisions among shape-or-texture decisions on conflict images; NaN when there are none. */
    public double shapeBias() {
        return (double) shapeDecisions / (shapeDecisions + textureDecisions);
    }
}
