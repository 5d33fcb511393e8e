package dev.diffprobe.harness.run;

import dev.diffprobe.harness.classify.Classification;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The examples of a task that failed with a named error (see the classifier's error table), so
 * that verdicts, tables and reports can say how many and why instead of folding them into the
 * accuracy as wrong answers. {@code byName} counts them by error name, in order of first
 * appearance; {@code first} is the first failed example's whole message.
 */
public record ExampleFailures(int count, int n, Map<String, Integer> byName, Optional<String> first) {
    /** Error names shown before "and N more kinds". */
    private static final int NAMES_SHOWN = 3;
    /** The classifier's messages start with the error's name, e.g. {@code NonFiniteOutput: ...}. */
    private static final Pattern NAME = Pattern.compile("^([A-Za-z][A-Za-z0-9]*):");

    public ExampleFailures {
        byName = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byName));
    }

    public static ExampleFailures of(List<Classification> classifications) {
        Map<String, Integer> byName = new LinkedHashMap<>();
        Optional<String> first = Optional.empty();
        int count = 0;
        for (Classification c : classifications) {
            if (c.error().isPresent()) {
                String message = c.error().get();
                count++;
                byName.merge(name(message), 1, Integer::sum);
                if (first.isEmpty()) {
                    first = Optional.of(c.exampleId() + ": " + message);
                }
            }
        }
        return new ExampleFailures(count, classifications.size(), byName, first);
    }

    public static ExampleFailures of(TaskOutcome outcome) {
        return of(outcome.classifications());
    }

    /** The error's name: the message's leading word before a colon, or {@code error} when it has none. */
    static String name(String message) {
        Matcher matcher = NAME.matcher(message);
        return matcher.find() ? matcher.group(1) : "error";
    }

    public double share() {
        return n == 0 ? 0 : (double) count / n;
    }

    /** Whether more than {@code maxShare} of the examples failed; any failure of an empty task is too many. */
    public boolean exceed(double maxShare) {
        return count > maxShare * n;
    }

    /** {@code NonFiniteOutput x10, ModelError x2}; empty when none failed. */
    public String names() {
        String shown = byName.entrySet().stream().limit(NAMES_SHOWN)
                .map(e -> e.getKey() + " x" + e.getValue()).collect(Collectors.joining(", "));
        int more = byName.size() - NAMES_SHOWN;
        return more > 0 ? shown + " and " + more + " more kind" + (more > 1 ? "s" : "") : shown;
    }

    /** {@code 3 of 40 examples failed (NonFiniteOutput x3)}; empty when none failed. */
    public String summary() {
        return count == 0 ? "" : String.format(Locale.ROOT, "%d of %d examples failed (%s)", count, n, names());
    }

    /** The summary and the first failed example's message, for a verdict's error. */
    public String describe() {
        return summary() + first.map(f -> "; first: " + f).orElse("");
    }
}
