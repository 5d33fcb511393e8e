package dev.diffprobe.harness.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MisspellingsTest {
    private static final List<String> KNOWN = List.of("seed", "data", "suite", "model", "examples", "baseline");

    @Test
    void distanceCountsATranspositionAsOneEdit() {
        assertThat(Misspellings.distance("exmaples", "examples")).isEqualTo(1);
        assertThat(Misspellings.distance("seeed", "seed")).isEqualTo(1);
        assertThat(Misspellings.distance("", "seed")).isEqualTo(4);
        assertThat(Misspellings.distance("basedir", "baseline")).isEqualTo(3);
    }

    @Test
    void shortKeysAllowOneEditLongerOnesTwo() {
        assertThat(Misspellings.closest("sed", KNOWN)).contains("seed");
        assertThat(Misspellings.closest("sd", KNOWN)).isEmpty();
        assertThat(Misspellings.closest("exampels", KNOWN)).contains("examples");
        assertThat(Misspellings.closest("exmpl", KNOWN)).isEmpty();
        assertThat(Misspellings.closest("seed", KNOWN)).as("a known key is no misspelling").isEmpty();
        assertThat(Misspellings.closest("date", KNOWN)).contains("data");
    }
}
