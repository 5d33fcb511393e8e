package dev.diffprobe.harness.run;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a failed or broken test means to a model developer, as Allure's categories
 * ({@code categories.json}) sort it. Verdict failures lead with {@link #prefix()} so that the
 * categories can tell them apart by message; the categories are disjoint, so each failure lands
 * in exactly one. Allure matches a regex against the whole message, with DOTALL.
 */
public enum FailureCategory {
    /** A threshold verdict, a regression against a baseline or a shape-bias threshold failed: CI must fail. */
    REGRESSION("Regressions (threshold or baseline)", List.of("failed"), "regression: ", Optional.empty()),
    /** The chance verdict failed: something this checkpoint cannot do, a finding rather than a breakage. */
    NOT_ABOVE_CHANCE("Not above chance (capability findings)", List.of("failed"), "not above chance: ",
            Optional.empty()),
    /** A comparison's claim does not hold. */
    CLAIM("Claims not supported (comparisons)", List.of("failed"), "claim not supported: ", Optional.empty()),
    /** Examples failed (NaN scores, bad model output...): the accuracy is not judged. */
    EXAMPLE_ERRORS("Example errors (failed examples)", List.of("failed", "broken"), "examples failed: ",
            Optional.of("examples failed: .*|.*" + FailureCategory.NOT_JUDGED + ".*")),
    /** The run itself did not work: a checkpoint that would not load, a file that would not write, a bug. */
    INFRASTRUCTURE("Infrastructure errors (the run did not work)", List.of("broken"), "",
            Optional.of("(?!.*" + FailureCategory.NOT_JUDGED + ").*"));

    /** The words that end the message of a task whose examples failed beyond the allowed share. */
    public static final String NOT_JUDGED = "the accuracy is not judged";

    private final String title;
    private final List<String> statuses;
    private final String prefix;
    private final Optional<String> regex;

    FailureCategory(String title, List<String> statuses, String prefix, Optional<String> regex) {
        this.title = title;
        this.statuses = statuses;
        this.prefix = prefix;
        this.regex = regex;
    }

    /** A failure message of this category: {@code regression: ShapeColor: 0.55 [0.48, 0.62] ...}. */
    public String message(String text) {
        return prefix + text;
    }

    public String title() {
        return title;
    }

    public String prefix() {
        return prefix;
    }

    public List<String> statuses() {
        return statuses;
    }

    /** The message regex Allure matches (whole message, DOTALL). */
    public String messageRegex() {
        return regex.orElseGet(() -> java.util.regex.Pattern.quote(prefix) + ".*");
    }

    /** Allure's categories.json for all categories, in this order. */
    public static String categoriesJson() {
        StringBuilder json = new StringBuilder("[\n");
        FailureCategory[] all = values();
        for (int i = 0; i < all.length; i++) {
            FailureCategory c = all[i];
            json.append("  {\"name\": ").append(quote(c.title)).append(", \"matchedStatuses\": [")
                    .append(String.join(", ", c.statuses.stream().map(FailureCategory::quote).toList()))
                    .append("], \"messageRegex\": ").append(quote(c.messageRegex())).append("}")
                    .append(i < all.length - 1 ? ",\n" : "\n");
        }
        return json.append("]\n").toString();
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(ch < 0x20 ? String.format(Locale.ROOT, "\\u%04x", (int) ch) : String.valueOf(ch));
            }
        }
        return out.append('"').toString();
    }
}
