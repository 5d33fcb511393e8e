package dev.diffprobe.clevr;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Training captions: true descriptions of a scene in many phrasings, so that a model trained on
 * them sees each attribute bound to its object. Each caption picks one template (one object;
 * "on the left/right is ..."; "a X and a Y" in either order; "on the left is X and on the right
 * is Y"; "X to the left of Y" / "Y to the right of X"; every object listed) and, for each object
 * it names, a random subset of size, colour and material, with the shape or the word "object".
 * Objects named together get the same subset, as the binding prompts do. The templates cover
 * every prompt of the paper's binding tasks (Appendix D), e.g. "A large red cube.", "On the
 * right is a small object.", "On the left is a cube and on the right is a sphere.".
 *
 * <p>Left and right come from the screen boxes ({@link Scene#leftToRight()}); "on the left is"
 * is used only in two-object scenes, where it is unambiguous.
 */
public final class CaptionGenerator {
    /** Chance that a description names the shape rather than saying "object". */
    private static final double SHAPE_CHANCE = 0.75;
    /** Chance that a description includes each of size, colour and material. */
    private static final double ATTRIBUTE_CHANCE = 0.5;

    /** {@code count} captions of {@code scene}, a pure function of the scene and {@code seed}. */
    public List<String> captions(Scene scene, long seed, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("caption count must not be negative, was " + count);
        }
        SplittableRandom random = new SplittableRandom(Seeds.mix(Seeds.mix(seed, scene.seed()), scene.index()));
        List<String> captions = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            captions.add(sentence(caption(scene, random)));
        }
        return captions;
    }

    private String caption(Scene scene, SplittableRandom random) {
        List<SceneObject> ordered = scene.leftToRight();
        int n = ordered.size();
        if (n == 1) {
            return "a " + describe(ordered.get(0), pick(random));
        }
        boolean[] parts = pick(random);
        int template = random.nextInt(n == 2 ? 6 : 4);
        int i = random.nextInt(n);
        int j = (i + 1 + random.nextInt(n - 1)) % n;
        SceneObject left = ordered.get(Math.min(i, j));
        SceneObject right = ordered.get(Math.max(i, j));
        return switch (template) {
            case 0 -> "a " + describe(ordered.get(i), parts);
            case 1 -> "a " + describe(ordered.get(i), parts) + " and a " + describe(ordered.get(j), parts);
            case 2 -> random.nextBoolean()
                    ? "a " + describe(left, parts) + " to the left of a " + describe(right, parts)
                    : "a " + describe(right, parts) + " to the right of a " + describe(left, parts);
            case 3 -> n == 2 ? "on the " + (i == 0 ? "left" : "right") + " is a " + describe(ordered.get(i), parts)
                    : list(ordered, parts, random);
            case 4 -> "on the left is a " + describe(left, parts) + " and on the right is a " + describe(right, parts);
            default -> "on the right is a " + describe(right, parts) + " and on the left is a " + describe(left, parts);
        };
    }

    /** Every object, in a random order: "a X, a Y and a Z". */
    private String list(List<SceneObject> objects, boolean[] parts, SplittableRandom random) {
        List<SceneObject> shuffled = new ArrayList<>(objects);
        for (int k = shuffled.size() - 1; k > 0; k--) {
            int m = random.nextInt(k + 1);
            shuffled.set(m, shuffled.set(k, shuffled.get(m)));
        }
        StringBuilder text = new StringBuilder();
        for (int k = 0; k < shuffled.size(); k++) {
            text.append(k == 0 ? "" : k == shuffled.size() - 1 ? " and " : ", ")
                    .append("a ").append(describe(shuffled.get(k), parts));
        }
        return text.toString();
    }

    /** Which parts to name: size, colour, material, shape. Never the bare "object". */
    private boolean[] pick(SplittableRandom random) {
        boolean[] parts = new boolean[4];
        do {
            parts[0] = random.nextDouble() < ATTRIBUTE_CHANCE;
            parts[1] = random.nextDouble() < ATTRIBUTE_CHANCE;
            parts[2] = random.nextDouble() < ATTRIBUTE_CHANCE;
            parts[3] = random.nextDouble() < SHAPE_CHANCE;
        } while (!(parts[0] || parts[1] || parts[2] || parts[3]));
        return parts;
    }

    /** "{size} {colour} {material} {shape|object}", CLEVR's word order, with the chosen parts. */
    static String describe(SceneObject o, boolean[] parts) {
        StringBuilder text = new StringBuilder();
        if (parts[0]) {
            text.append(o.size().word()).append(' ');
        }
        if (parts[1]) {
            text.append(o.color().word()).append(' ');
        }
        if (parts[2]) {
            text.append(o.material().word()).append(' ');
        }
        return text.append(parts[3] ? o.shape().word() : "object").toString();
    }

    private static String sentence(String text) {
        return text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1) + ".";
    }
}
