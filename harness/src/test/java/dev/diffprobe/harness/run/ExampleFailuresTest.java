package dev.diffprobe.harness.run;

import dev.diffprobe.harness.classify.Classification;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ExampleFailuresTest {
    private static Classification ok(String id) {
        return new Classification(id, 0, 0, new double[] {1, 2}, new int[] {2, 2}, 4, new int[] {-1, 2},
                new double[] {0.7, 0.3}, Optional.empty());
    }

    private static List<Classification> results(int n, String... errors) {
        List<Classification> results = new ArrayList<>();
        for (int i = 0; i < errors.length; i++) {
            results.add(Classification.failed("e" + i, 0, errors[i]));
        }
        for (int i = errors.length; i < n; i++) {
            results.add(ok("e" + i));
        }
        return results;
    }

    @Test
    void countsFailuresByErrorNameInOrderOfFirstAppearance() {
        ExampleFailures failures = ExampleFailures.of(results(40, "ModelError: out of memory",
                "NonFiniteOutput: denoiser returned NaN", "ModelError: out of memory", "something without a name"));
        assertThat(failures.count()).isEqualTo(4);
        assertThat(failures.names()).isEqualTo("ModelError x2, NonFiniteOutput x1, error x1");
        assertThat(failures.summary()).isEqualTo("4 of 40 examples failed (ModelError x2, NonFiniteOutput x1, error x1)");
        assertThat(failures.first()).contains("e0: ModelError: out of memory");
    }

    @Test
    void namesBeyondThreeKindsAreCounted() {
        assertThat(ExampleFailures.of(results(10, "A: a", "B: b", "C: c", "D: d", "E: e")).names())
                .isEqualTo("A x1, B x1, C x1 and 2 more kinds");
    }

    @Test
    void exceedsOnlyWhenMoreThanTheShareFailed() {
        assertThat(ExampleFailures.of(results(20, "A: a")).exceed(0.05)).isFalse();
        assertThat(ExampleFailures.of(results(20, "A: a", "A: a")).exceed(0.05)).isTrue();
        assertThat(ExampleFailures.of(results(20, "A: a")).exceed(0)).isTrue();
        assertThat(ExampleFailures.of(results(20)).exceed(0)).isFalse();
        assertThat(ExampleFailures.of(results(20)).summary()).isEmpty();
        assertThat(ExampleFailures.of(results(3, "A: a", "A: a", "A: a")).exceed(1)).isFalse();
    }
}
