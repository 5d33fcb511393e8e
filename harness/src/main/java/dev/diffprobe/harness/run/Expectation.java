package dev.diffprobe.harness.run;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a suite declares a checkpoint can do on a task ({@code expect:} in suite YAML), which
 * decides how the task's chance verdict reads. {@link #ABOVE}: the checkpoint does the task, so
 * an accuracy not significantly above chance fails (a capability lost is a regression).
 * {@link #CHANCE}: the checkpoint is known not to do it, so staying at chance is reported as
 * expected (neither a failure nor a silent pass), and a result significantly above chance is
 * news.
 */
public enum Expectation {
    ABOVE("above"),
    CHANCE("chance");

    private final String word;

    Expectation(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    public static Optional<Expectation> fromWord(String word) {
        return Arrays.stream(values()).filter(e -> e.word.equals(word)).findFirst();
    }

    public static String words() {
        return Arrays.stream(values()).map(Expectation::word).collect(Collectors.joining(", "));
    }
}
