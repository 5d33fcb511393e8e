package dev.diffprobe.tasks.binding;

import dev.diffprobe.clevr.Color;
import dev.diffprobe.clevr.Scene;
import dev.diffprobe.clevr.SceneObject;
import dev.diffprobe.clevr.Shape;
import dev.diffprobe.clevr.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An independent reading of a prompt: parses the English back into object descriptions and
 * checks whether distinct objects of the scene fit them. Left/right comes from the screen boxes
 * here, not from {@link Scene#positionOf}.
 */
final class Truth {
    private static final Pattern PHRASE = Pattern.compile("(?:on the (left|right) is )?an? ((?:\\w+ )*)(\\w+)");

    private Truth() {
    }

    static boolean holds(Scene scene, String prompt) {
        if (!prompt.endsWith(".") || !Character.isUpperCase(prompt.charAt(0))) {
            throw new IllegalArgumentException("not a sentence: " + prompt);
        }
        String text = prompt.substring(0, prompt.length() - 1).toLowerCase(Locale.ROOT);
        List<String> phrases = List.of(text.split(" and "));
        return fits(scene, phrases, 0, new ArrayList<>());
    }

    private static boolean fits(Scene scene, List<String> phrases, int at, List<SceneObject> used) {
        if (at == phrases.size()) {
            return true;
        }
        for (SceneObject object : scene.objects()) {
            if (!used.contains(object) && matches(scene, object, phrases.get(at))) {
                used.add(object);
                if (fits(scene, phrases, at + 1, used)) {
                    return true;
                }
                used.remove(object);
            }
        }
        return false;
    }

    private static boolean matches(Scene scene, SceneObject object, String phrase) {
        Matcher m = PHRASE.matcher(phrase);
        if (!m.matches()) {
            throw new IllegalArgumentException("cannot read '" + phrase + "'");
        }
        if (m.group(1) != null && !m.group(1).equals(side(scene, object))) {
            return false;
        }
        for (String adjective : m.group(2).trim().split(" ")) {
            if (adjective.isEmpty()) {
                continue;
            }
            boolean isSize = adjective.equals("small") || adjective.equals("large");
            if (isSize && object.size() != Size.valueOf(adjective.toUpperCase(Locale.ROOT))) {
                return false;
            }
            if (!isSize && object.color() != Color.valueOf(adjective.toUpperCase(Locale.ROOT))) {
                return false;
            }
        }
        String noun = m.group(3);
        return noun.equals("object") || object.shape() == Shape.valueOf(noun.toUpperCase(Locale.ROOT));
    }

    private static String side(Scene scene, SceneObject object) {
        for (SceneObject other : scene.objects()) {
            if (other != object && other.box().minX() + other.box().maxX() < object.box().minX() + object.box().maxX()) {
                return "right";
            }
        }
        return "left";
    }
}
