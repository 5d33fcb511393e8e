package dev.diffprobe.harness.run;

import java.util.List;
import java.util.OptionalDouble;

/**
 * A claim about two groups of a suite's tasks run on the same examples, as a suite declares it:
 * {@code candidate.get(i)} is compared with {@code reference.get(i)} example by example, and the
 * pairs are pooled. {@code margin} (non-inferiority) and {@code callsFraction} (cost) are read by
 * the claims that use them; see {@link Claim}.
 */
public record Comparison(String name, String claim, List<String> candidate, List<String> reference,
                         OptionalDouble margin, OptionalDouble callsFraction) {
    public Comparison {
        candidate = List.copyOf(candidate);
        reference = List.copyOf(reference);
    }
}
