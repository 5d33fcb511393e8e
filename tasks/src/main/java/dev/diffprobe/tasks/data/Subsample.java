package dev.diffprobe.tasks.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.ToIntFunction;

/**
 * Balanced, deterministic subsampling (the paper evaluated 4096 examples per dataset). Each
 * class's images are shuffled with the seed, then classes give one image in turn until
 * {@code n} are taken, so class counts differ by at most one unless a class runs out (its share
 * then goes to the others). The result keeps the dataset's order.
 */
public final class Subsample {
    private Subsample() {
    }

    public static List<LabeledImage> balanced(List<LabeledImage> images, int n, long seed) {
        return balanced(images, LabeledImage::label, n, seed);
    }

    /** The same for any items, {@code label} giving each its class index (0 or more). */
    public static <T> List<T> balanced(List<T> items, ToIntFunction<T> label, int n, long seed) {
        if (n < 1) {
            throw new IllegalArgumentException("subsample size must be positive, got " + n);
        }
        if (n >= items.size()) {
            return List.copyOf(items);
        }
        int classes = items.stream().mapToInt(label).max().orElse(-1) + 1;
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < items.size(); i++) {
            byClass.get(label.applyAsInt(items.get(i))).add(i);
        }
        for (int c = 0; c < classes; c++) {
            java.util.Collections.shuffle(byClass.get(c), new Random(seed * 1_000_003L + c));
        }
        List<Integer> taken = new ArrayList<>(n);
        for (int round = 0; taken.size() < n; round++) {
            for (int c = 0; c < classes && taken.size() < n; c++) {
                if (round < byClass.get(c).size()) {
                    taken.add(byClass.get(c).get(round));
                }
            }
        }
        taken.sort(Comparator.naturalOrder());
        return taken.stream().map(items::get).toList();
    }
}
