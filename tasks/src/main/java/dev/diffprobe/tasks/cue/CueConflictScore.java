package dev.diffprobe.tasks.cue;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Shape and texture decisions as bethgelab/model-vs-human's {@code ShapeBias} analysis counts
 * them, the one definition of these metrics in DiffProbe: images whose shape equals their texture
 * are left out of both counts, but (as there) the accuracies divide by every trial. Shape bias =
 * shape / (shape + texture) decisions, undefined when there are none of either.
 *
 * @param trials every decision, conflict or not
 * @param conflicts decisions on images whose shape and texture classes differ
 * @param shapeDecisions conflict decisions answered with the shape class
 * @param textureDecisions conflict decisions answered with the texture class
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

    /** Fraction of trials answered with the shape class of a conflict image; 0 of 0 trials is 0. */
    public double shapeAccuracy() {
        return trials == 0 ? 0 : (double) shapeDecisions / trials;
    }

    /** Fraction of trials answered with the texture class of a conflict image; 0 of 0 trials is 0. */
    public double textureAccuracy() {
        return trials == 0 ? 0 : (double) textureDecisions / trials;
    }

    /** Shape decisions among shape-or-texture decisions on conflict images; empty when there are none. */
    public OptionalDouble shapeBias() {
        int cued = shapeDecisions + textureDecisions;
        return cued == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) shapeDecisions / cued);
    }

    /** The shape bias to three decimals, or "undefined" with the reason. */
    public String shapeBiasText() {
        return shapeBias().isPresent() ? String.format(Locale.ROOT, "%.3f", shapeBias().getAsDouble())
                : "undefined (no shape or texture decision)";
    }

    /** E.g. {@code shape bias 0.750 = 3 shape / (3 shape + 1 texture) decisions on 6 conflict images of 8}. */
    public String describe() {
        return "shape bias " + shapeBiasText() + " = " + shapeDecisions + " shape / (" + shapeDecisions + " shape + "
                + textureDecisions + " texture) decisions on " + conflicts + " conflict images of " + trials;
    }
}
