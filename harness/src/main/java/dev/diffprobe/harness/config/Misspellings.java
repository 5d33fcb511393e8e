package dev.diffprobe.harness.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the known key a given key was probably meant to be: the nearest by optimal string
 * alignment distance (Levenshtein with adjacent transpositions, so {@code exmaples} is one edit
 * from {@code examples}), compared without case. A key counts as close when it is within one
 * edit of a known key of up to five characters, or two edits of a longer one: far enough to
 * catch a typo, near enough that unrelated system properties ({@code user.dir}, {@code basedir})
 * are never taken for settings.
 */
final class Misspellings {
    private Misspellings() {
    }

    /** The known key {@code key} is close to; empty when it is one of them or none is close. */
    static Optional<String> closest(String key, Collection<String> known) {
        if (known.contains(key)) {
            return Optional.empty();
        }
        String lower = key.toLowerCase(Locale.ROOT);
        return known.stream()
                .filter(k -> distance(lower, k.toLowerCase(Locale.ROOT)) <= allowed(k))
                .min(Comparator.comparingInt((String k) -> distance(lower, k.toLowerCase(Locale.ROOT)))
                        .thenComparing(Comparator.naturalOrder()));
    }

    private static int allowed(String knownKey) {
        return knownKey.length() <= 5 ? 1 : 2;
    }

    /** Optimal string alignment distance. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
