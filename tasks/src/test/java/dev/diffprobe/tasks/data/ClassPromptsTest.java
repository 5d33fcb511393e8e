package dev.diffprobe.tasks.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.diffprobe.tasks.Candidate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClassPromptsTest {
    @Test
    void everyDatasetHasItsClassCount() {
        Map<String, Integer> counts = Map.ofEntries(Map.entry("CIFAR10", 10), Map.entry("CIFAR100", 100),
                Map.entry("STL10", 10), Map.entry("MNIST", 10), Map.entry("DTD", 47), Map.entry("PatchCamelyon", 2),
                Map.entry("SVHN", 10), Map.entry("EuroSAT", 10), Map.entry("StanfordCars", 196),
                Map.entry("ImageNet", 1000), Map.entry("Caltech101", 102), Map.entry("OxfordPets", 37),
                Map.entry("Food101", 101), Map.entry("FashionMNIST", 10), Map.entry("CueConflict", 16));
        assertThat(ClassPrompts.DATASETS).containsExactlyInAnyOrderElementsOf(counts.keySet());
        counts.forEach((dataset, count) -> {
            ClassPrompts prompts = ClassPrompts.of(dataset);
            assertThat(prompts.classes()).as(dataset).hasSize(count);
            assertThat(prompts.classes().stream().distinct().count()).as(dataset + " distinct names")
                    .isEqualTo(dataset.equals("ImageNet") ? count - 2 : count);
            assertThat(prompts.candidates()).as(dataset).hasSize(count)
                    .allMatch(candidate -> candidate.prompts().size() == 1);
        });
    }

    /** CLIP's ImageNet names repeat two: indices 657 and 744 are both "missile", 836 and 837 "sunglasses". */
    @Test
    void imageNetKeepsClipsTwoRepeatedNames() {
        List<String> classes = ClassPrompts.of("ImageNet").classes();
        assertThat(classes.get(657)).isEqualTo(classes.get(744)).isEqualTo("missile");
        assertThat(classes.get(836)).isEqualTo(classes.get(837)).isEqualTo("sunglasses");
    }

    @Test
    void theFirstTemplateIsTheDefault() {
        assertThat(ClassPrompts.of("CIFAR10").candidates().get(0))
                .isEqualTo(new Candidate("airplane", List.of("a photo of a airplane.")));
        assertThat(ClassPrompts.of("ImageNet").candidates().get(0).prompts())
                .containsExactly("a bad photo of a tench.");
        assertThat(ClassPrompts.of("MNIST").candidates().get(7).prompts())
                .containsExactly("a photo of the number: \"7\".");
        assertThat(ClassPrompts.of("FashionMNIST").candidates().get(0).prompts())
                .containsExactly("a photo of a T-shirt/top.");
        assertThat(ClassPrompts.of("EuroSAT").candidates().get(0).prompts())
                .containsExactly("a centered satellite photo of forest.");
    }

    @Test
    void anEnsembleUsesTheFirstTemplatesInOrder() {
        Candidate cat = ClassPrompts.of("CIFAR10").ensemble(3).get(3);
        assertThat(cat.prompts()).containsExactly("a photo of a cat.", "a blurry photo of a cat.",
                "a black and white photo of a cat.");
        assertThat(ClassPrompts.of("STL10").ensemble(100).get(0).prompts()).hasSize(2);
        assertThatThrownBy(() -> ClassPrompts.of("STL10").ensemble(0)).hasMessageContaining("at least 1");
    }

    @Test
    void badTablesAreRefusedByName() {
        assertThatThrownBy(() -> ClassPrompts.of("Birdsnap")).hasMessageContaining("Birdsnap");
        assertThatThrownBy(() -> new ClassPrompts("X", List.of("a"), List.of("a photo")))
                .hasMessageContaining("'a photo'");
        assertThatThrownBy(() -> new ClassPrompts("X", List.of("a"), List.of("{} and {}")))
                .hasMessageContaining("exactly one");
    }
}
