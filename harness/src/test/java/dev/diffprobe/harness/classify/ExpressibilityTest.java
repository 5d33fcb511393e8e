package dev.diffprobe.harness.classify;

import dev.diffprobe.models.PromptTokens;
import dev.diffprobe.tasks.Candidate;
import dev.diffprobe.tasks.Example;
import dev.diffprobe.tasks.ImageSource;
import dev.diffprobe.tasks.Task;
import dev.diffprobe.tasks.data.ClassPrompts;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class ExpressibilityTest {
    private static final ImageSource NO_IMAGE = resolution -> {
        throw new AssertionError("the check must not load images");
    };

    /** A word-level tokenizer knowing {@code words}, cutting prompts after {@code length} words. */
    private static Function<String, PromptTokens> words(Set<String> words, int length) {
        return text -> {
            List<String> all = Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+"))
                    .filter(w -> !w.isEmpty()).toList();
            List<String> kept = all.subList(0, Math.min(length, all.size()));
            long[] ids = new long[length];
            int unknown = 0;
            for (int i = 0; i < kept.size(); i++) {
                boolean known = words.contains(kept.get(i));
                ids[i] = known ? kept.get(i).hashCode() : 1;
                unknown += known ? 0 : 1;
            }
            return new PromptTokens(ids, kept.size(), unknown, all.size() > length);
        };
    }

    private static Task task(String name, List<Candidate> candidates) {
        return new Task(name, "", List.of(new Example(name + "/0", NO_IMAGE, candidates, 0, Map.of()),
                new Example(name + "/1", NO_IMAGE, candidates, 1, Map.of())), 1.0 / candidates.size());
    }

    @Test
    void classNamesOutOfTheVocabularyAreNamedAndCounted() {
        Task cifar = task("CIFAR10", ClassPrompts.of("CIFAR10").candidates());

        assertThat(Expressibility.problem("clevr", cifar, words(Set.of("a", "photo", "of", "red", "cube"), 16)))
                .hasValue("clevr cannot express CIFAR10: 10 of 10 class names are out of its vocabulary (airplane,"
                        + " automobile, bird, cat, deer and 5 more)");
    }

    @Test
    void aVocabularyWithTheNamesExpressesTheTask() {
        Task cifar = task("CIFAR10", ClassPrompts.of("CIFAR10").candidates());
        Set<String> vocabulary = new java.util.HashSet<>(Set.of("a", "photo", "of"));
        vocabulary.addAll(ClassPrompts.of("CIFAR10").classes());

        assertThat(Expressibility.problem("clip", cifar, words(vocabulary, 16))).isEmpty();
    }

    @Test
    void twoNamesTheTokenizerCannotTellApartRefuseTheTaskEvenWhenMostAreKnown() {
        List<Candidate> candidates = List.of(Candidate.of("a red cube"), Candidate.of("a red sphere"),
                Candidate.of("a red tetrahedron"), Candidate.of("a red dodecahedron"));

        assertThat(Expressibility.problem("m", task("Solids", candidates), words(Set.of("a", "red", "cube",
                "sphere"), 16))).hasValue("m cannot express Solids: 1 pair of candidates reach it as the same token"
                + " ids ('a red tetrahedron' and 'a red dodecahedron')");
    }

    @Test
    void promptsCutToTheSameIdsAtTheMaxTextLengthAreRefused() {
        List<Candidate> candidates = List.of(new Candidate("cube", List.of("a photo of a red cube")),
                new Candidate("sphere", List.of("a photo of a red sphere")));
        Set<String> vocabulary = Set.of("a", "photo", "of", "red", "cube", "sphere");

        assertThat(Expressibility.problem("m", task("T", candidates), words(vocabulary, 5)))
                .hasValueSatisfying(p -> assertThat(p).contains("('cube' and 'sphere')"));
        assertThat(Expressibility.problem("m", task("T", candidates), words(vocabulary, 6))).isEmpty();
    }

    @Test
    void identicalPromptsAreTheTasksDuplicatesNotTheCheckpointsFailing() {
        List<Candidate> candidates = List.of(Candidate.of("missile"), Candidate.of("sunglasses"),
                Candidate.of("missile"), new Candidate("sunglasses", List.of("sunglasses")));

        assertThat(Expressibility.problem("m", task("ImageNet", candidates), words(Set.of("missile", "sunglasses"),
                4))).isEmpty();
    }

    @Test
    void aFewUnknownNamesAreTolerated() {
        List<Candidate> candidates = List.of(Candidate.of("red"), Candidate.of("blue"), Candidate.of("mauve"));

        assertThat(Expressibility.problem("m", task("Colours", candidates), words(Set.of("red", "blue"), 4)))
                .as("one unknown name is still a distinct prompt").isEmpty();
    }

    @Test
    void aTokenizerWithoutUnknownTokenIsJudgedByIdsAlone() {
        Function<String, PromptTokens> bytes = text -> new PromptTokens(text.chars().asLongStream().toArray(),
                text.length(), 0, false);

        assertThat(Expressibility.problem("bpe", task("CIFAR10", ClassPrompts.of("CIFAR10").candidates()), bytes))
                .isEmpty();
    }
}
