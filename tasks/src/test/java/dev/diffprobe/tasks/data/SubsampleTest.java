package dev.diffprobe.tasks.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SubsampleTest {
    /** {@code perClass[c]} images of class c, interleaved. */
    private static List<LabeledImage> dataset(int... perClass) {
        List<LabeledImage> images = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            for (int c = 0; c < perClass.length; c++) {
                if (i < perClass[c]) {
                    images.add(new LabeledImage(c + "-" + i, c, resolution -> null));
                }
            }
        }
        return images;
    }

    private static Map<Integer, Long> counts(List<LabeledImage> images) {
        return images.stream().collect(Collectors.groupingBy(LabeledImage::label, Collectors.counting()));
    }

    @Test
    void classesShareTheSampleEvenly() {
        List<LabeledImage> sample = Subsample.balanced(dataset(100, 300, 200), 31, 4);
        assertThat(sample).hasSize(31).doesNotHaveDuplicates();
        assertThat(counts(sample).values()).allMatch(n -> n == 10 || n == 11);
    }

    @Test
    void aSmallClassGivesAllItHasAndTheOthersMakeUpTheRest() {
        Map<Integer, Long> counts = counts(Subsample.balanced(dataset(5, 300, 200), 65, 4));
        assertThat(counts).isEqualTo(Map.of(0, 5L, 1, 30L, 2, 30L));
    }

    @Test
    void deterministicPerSeedAndInDatasetOrder() {
        List<LabeledImage> all = dataset(50, 50);
        List<LabeledImage> a = Subsample.balanced(all, 20, 1);
        assertThat(Subsample.balanced(all, 20, 1)).isEqualTo(a);
        assertThat(Subsample.balanced(all, 20, 2)).isNotEqualTo(a);
        Map<LabeledImage, Integer> position = all.stream().collect(Collectors.toMap(Function.identity(), all::indexOf));
        assertThat(a).isSortedAccordingTo((x, y) -> position.get(x) - position.get(y));
        assertThat(Subsample.balanced(all, 1000, 1)).isEqualTo(all);
    }
}
