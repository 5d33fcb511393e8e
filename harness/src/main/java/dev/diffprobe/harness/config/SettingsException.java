package dev.diffprobe.harness.config;

import java.util.List;

/** Settings that cannot be used, all of them: one line per problem, each naming its key. */
public final class SettingsException extends IllegalArgumentException {
    private final List<String> problems;

    public SettingsException(List<String> problems) {
        super(problems.size() == 1 ? "bad setting: " + problems.get(0)
                : problems.size() + " bad settings:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
