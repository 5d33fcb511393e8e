package dev.diffprobe.clevr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CaptionGeneratorTest {
    private static final String NP = "((?:small|large) )?((?:gray|red|blue|green|brown|purple|cyan|yellow) )?"
            + "((?:rubber|metal) )?(cube|sphere|cylinder|object)";
    private static final Pattern ONE = Pattern.compile("a " + NP);
    private static final Pattern AND = Pattern.compile("a " + NP + " and a " + NP);
    private static final Pattern LEFT_OF = Pattern.compile("a " + NP + " to the left of a " + NP);
    private static final Pattern RIGHT_OF = Pattern.compile("a " + NP + " to the right of a " + NP);
    private static final Pattern ON_THE = Pattern.compile("on the (left|right) is a " + NP);
    private static final Pattern BOTH = Pattern.compile("on the (left|right) is a " + NP + " and on the (left|right) is a " + NP);
    private static final Pattern LIST = Pattern.compile("a " + NP + "(?:, a " + NP + ")+ and a " + NP);
    /** The vocabulary documented in clevr-gen/README.md. */
    private static final Set<String> VOCABULARY = Set.of("a", "and", "on", "the", "is", "to", "of", "left", "right",
            "object", "cube", "sphere", "cylinder", "small", "large", "rubber", "metal",
            "gray", "red", "blue", "green", "brown", "purple", "cyan", "yellow");

    private final CaptionGenerator generator = new CaptionGenerator();

    @Test
    void isDeterministicPerSeed() {
        Scene scene = SceneSampler.forBinding().sample(1, 3);
        assertThat(generator.captions(scene, 5, 20)).isEqualTo(new CaptionGenerator().captions(scene, 5, 20));
        assertThat(generator.captions(scene, 6, 20)).isNotEqualTo(generator.captions(scene, 5, 20));
        assertThat(generator.captions(scene, 5, 20)).hasSize(20);
    }

    @Test
    void everyCaptionIsTrueOfItsScene() {
        for (int k = 0; k < 400; k++) {
            Scene scene = SceneSampler.withObjects(1 + k % 4).sample(8, k);
            for (String caption : generator.captions(scene, 1, 12)) {
                assertThat(caption).matches("[A-Z].*\\.");
                assertThat(isTrue(caption, scene)).as("%s of %s", caption, scene).isTrue();
                for (String word : caption.toLowerCase(Locale.ROOT).replaceAll("[.,]", "").split(" ")) {
                    assertThat(VOCABULARY).as("vocabulary of '%s'", caption).contains(word);
                }
            }
        }
    }

    /** The checker above must reject what is false, or the test above proves nothing. */
    @Test
    void theCheckerRejectsFalseCaptions() {
        Scene scene = SceneSampler.forBinding().sample(2, 0);
        SceneObject left = scene.leftToRight().get(0), right = scene.leftToRight().get(1);
        String l = left.color().word() + " " + left.shape().word();
        String r = right.color().word() + " " + right.shape().word();
        assertThat(isTrue("On the left is a " + l + ".", scene)).isTrue();
        assertThat(isTrue("On the right is a " + l + ".", scene)).isFalse();
        assertThat(isTrue("A " + r + " to the left of a " + l + ".", scene)).isFalse();
        assertThat(isTrue("A " + r + " to the right of a " + l + ".", scene)).isTrue();
        Shape missing = Arrays.stream(Shape.values())
                .filter(s -> s != left.shape() && s != right.shape()).findFirst().orElseThrow();
        assertThat(isTrue("A " + missing.word() + ".", scene)).isFalse();
    }

    /** Every phrasing of the binding prompts (Appendix D) appears among the captions. */
    @Test
    void coversThePhrasingsOfTheBindingPrompts() {
        String color = "(gray|red|blue|green|brown|purple|cyan|yellow)";
        String shape = "(cube|sphere|cylinder)";
        String size = "(small|large)";
        List<Pattern> prompts = new ArrayList<>();
        for (String np : List.of(shape, color + " object", size + " object", color + " " + shape,
                size + " " + shape, size + " " + color + " object")) {
            prompts.add(Pattern.compile("A " + np + "\\."));
            prompts.add(Pattern.compile("On the (left|right) is a " + np + "\\."));
            prompts.add(Pattern.compile("A " + np + " and a " + np + "\\."));
            prompts.add(Pattern.compile("On the left is a " + np + " and on the right is a " + np + "\\."));
        }
        Set<Pattern> unseen = new HashSet<>(prompts);
        SceneSampler sampler = SceneSampler.forBinding();
        for (int k = 0; k < 300 && !unseen.isEmpty(); k++) {
            for (String caption : generator.captions(sampler.sample(3, k), 7, 16)) {
                unseen.removeIf(p -> p.matcher(caption).matches());
            }
        }
        assertThat(unseen).isEmpty();
    }

    static boolean isTrue(String caption, Scene scene) {
        String text = caption.toLowerCase(Locale.ROOT).substring(0, caption.length() - 1);
        List<SceneObject> ordered = scene.leftToRight();
        Matcher m;
        if ((m = BOTH.matcher(text)).matches()) {
            boolean leftFirst = m.group(1).equals("left");
            if (ordered.size() != 2 || m.group(6).equals(m.group(1))) {
                return false;
            }
            SceneObject first = ordered.get(leftFirst ? 0 : 1), second = ordered.get(leftFirst ? 1 : 0);
            return matches(m, 2, first) && matches(m, 7, second);
        }
        if ((m = ON_THE.matcher(text)).matches()) {
            return ordered.size() == 2 && matches(m, 2, ordered.get(m.group(1).equals("left") ? 0 : 1));
        }
        if ((m = LEFT_OF.matcher(text)).matches() || (m = RIGHT_OF.matcher(text)).matches()) {
            boolean leftOf = text.contains("to the left of");
            for (SceneObject a : ordered) {
                for (SceneObject b : ordered) {
                    double ax = a.box().centerX(), bx = b.box().centerX();
                    if (a != b && matches(m, 1, a) && matches(m, 5, b) && (leftOf ? ax < bx : ax > bx)) {
                        return true;
                    }
                }
            }
            return false;
        }
        if ((m = AND.matcher(text)).matches()) {
            for (SceneObject a : ordered) {
                for (SceneObject b : ordered) {
                    if (a != b && matches(m, 1, a) && matches(m, 5, b)) {
                        return true;
                    }
                }
            }
            return false;
        }
        if ((m = ONE.matcher(text)).matches()) {
            return ordered.stream().anyMatch(o -> matches(ONE.matcher(text), o));
        }
        if (LIST.matcher(text).matches()) {
            List<String> parts = List.of(text.replace(" and ", ", ").split(", "));
            return parts.size() == ordered.size() && assignable(parts, new ArrayList<>(ordered));
        }
        return false;
    }

    /** Whether each description can be given its own object (a perfect matching, by search). */
    private static boolean assignable(List<String> parts, List<SceneObject> free) {
        if (parts.isEmpty()) {
            return true;
        }
        for (SceneObject o : List.copyOf(free)) {
            if (matches(ONE.matcher(parts.get(0)), o)) {
                free.remove(o);
                if (assignable(parts.subList(1, parts.size()), free)) {
                    return true;
                }
                free.add(o);
            }
        }
        return false;
    }

    private static boolean matches(Matcher m, SceneObject o) {
        return m.matches() && matches(m, 1, o);
    }

    /** Whether the noun phrase in groups first..first+3 (size, colour, material, noun) fits {@code o}. */
    private static boolean matches(Matcher m, int first, SceneObject o) {
        return fits(m.group(first), o.size().word()) && fits(m.group(first + 1), o.color().word())
                && fits(m.group(first + 2), o.material().word())
                && (m.group(first + 3).equals("object") || m.group(first + 3).equals(o.shape().word()));
    }

    private static boolean fits(String said, String actual) {
        return said == null || said.trim().equals(actual);
    }
}
