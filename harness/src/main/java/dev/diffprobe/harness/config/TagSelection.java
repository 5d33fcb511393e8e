package dev.diffprobe.harness.config;

import java.util.Optional;

/**
 * Surefire's tag selection ({@value DiffProbeSettings#GROUPS}, {@value DiffProbeSettings#EXCLUDED_GROUPS}):
 * JUnit tag expressions. Surefire applies them itself; the engine reads them only to say, when
 * they select none of its tests, which tags exist.
 */
public record TagSelection(Optional<String> included, Optional<String> excluded) {

    public static TagSelection none() {
        return new TagSelection(Optional.empty(), Optional.empty());
    }

    public boolean isEmpty() {
        return included.isEmpty() && excluded.isEmpty();
    }
}
