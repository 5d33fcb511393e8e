package dev.diffprobe.tasks.binding;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prompt text as the paper's Appendix D writes it: an object is "a {size} {color} {shape}"
 * with only the attributes the task uses ("object" when the shape is not used), preceded by
 * "on the left/right is" when the position is used; two objects are joined with "and"; the
 * sentence starts with a capital and ends with a full stop.
 */
final class Prompt {
    private Prompt() {
    }

    /** The sentence describing each object of {@code objects} (attribute -> word), in order. */
    static String sentence(List<Map<Attribute, String>> objects) {
        List<String> phrases = new ArrayList<>();
        for (Map<Attribute, String> object : objects) {
            phrases.add(phrase(object));
        }
        String text = String.join(" and ", phrases);
        return text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1) + ".";
    }

    static String sentence(Map<Attribute, String> object) {
        return sentence(List.of(object));
    }

    private static String phrase(Map<Attribute, String> object) {
        List<String> words = new ArrayList<>();
        if (object.containsKey(Attribute.SIZE)) {
            words.add(object.get(Attribute.SIZE));
        }
        if (object.containsKey(Attribute.COLOR)) {
            words.add(object.get(Attribute.COLOR));
        }
        words.add(object.getOrDefault(Attribute.SHAPE, "object"));
        String noun = String.join(" ", words);
        String article = "aeiou".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ";
        String position = object.containsKey(Attribute.POSITION)
                ? "on the " + object.get(Attribute.POSITION) + " is " : "";
        return position + article + noun;
    }
}
