package dev.diffprobe.reports;

import dev.diffprobe.harness.classify.Classification;
import dev.diffprobe.tasks.Candidate;
import dev.diffprobe.tasks.Example;
import dev.diffprobe.tasks.Task;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ConfusionMatrixTest {

    @Test
    void namesClassesWhenEveryExampleSharesThem() {
        List<Candidate> classes = List.of(Candidate.of("cat"), Candidate.of("dog"), Candidate.of("bird"));
        Task task = new Task("pets", "", List.of(example("a", classes, 0), example("b", classes, 1),
                example("c", classes, 2), example("d", classes, 2)), 1 / 3.0);
        ConfusionMatrix matrix = ConfusionMatrix.of(task, List.of(result("a", 0, 0), result("b", 1, 2),
                result("c", 2, 2), Classification.failed("d", 2, "NaN from the model")));

        assertThat(matrix.classes()).containsExactly("cat", "dog", "bird");
        assertThat(matrix.byPosition()).isFalse();
        assertThat(matrix.counts()).isDeepEqualTo(new long[][] {{1, 0, 0}, {0, 0, 1}, {0, 0, 1}});
        assertThat(matrix.failed()).isEqualTo(1);
    }

    @Test
    void fallsBackToPositionsWhenPromptsDifferPerExample() {
        Task task = Outcomes.bindingTask("ShapeColor", 4);
        ConfusionMatrix matrix = ConfusionMatrix.of(task, List.of(result("ShapeColor-0", 0, 0),
                result("ShapeColor-1", 1, 0), result("ShapeColor-2", 0, 0), result("ShapeColor-3", 1, 1)));

        assertThat(matrix.classes()).containsExactly("candidate 1", "candidate 2");
        assertThat(matrix.byPosition()).isTrue();
        assertThat(matrix.counts()).isDeepEqualTo(new long[][] {{2, 0}, {1, 1}});
    }

    private static Example example(String id, List<Candidate> candidates, int label) {
        return new Example(id, resolution -> {
            throw new IOException("unused");
        }, candidates, label, Map.of());
    }

    private static Classification result(String id, int label, int predicted) {
        return new Classification(id, label, predicted, new double[] {0.1, 0.2}, new int[] {1, 1}, 2,
                new int[] {-1, -1}, new double[] {0.5, 0.5}, Optional.empty());
    }
}
