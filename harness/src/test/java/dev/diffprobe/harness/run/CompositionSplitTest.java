package dev.diffprobe.harness.run;

import dev.diffprobe.harness.classify.Classification;
import dev.diffprobe.tasks.Candidate;
import dev.diffprobe.tasks.Example;
import dev.diffprobe.tasks.Task;
import dev.diffprobe.tasks.binding.BindingTasks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;

class CompositionSplitTest {
    private static final List<String> HELD_OUT = List.of("cube:red", "sphere:blue");

    @TempDir
    Path dir;

    /**
     * Ten examples: scenes 0-5 only seen compositions (all right), scenes 6-9 one held-out object
     * each, on either side (one right). An example is unseen when either object is held out.
     */
    static TaskOutcome outcome(List<String> heldOut, boolean withCompositions) {
        List<Example> examples = new ArrayList<>();
        List<Classification> results = new ArrayList<>();
        String[] scenes = {"cube:green,sphere:red", "cylinder:red,cube:blue", "sphere:red,cube:cyan",
                "cube:gray,cylinder:blue", "sphere:green,cylinder:red", "cube:blue,sphere:red",
                "cube:red,sphere:green", "cylinder:gray,sphere:blue", "sphere:blue,cube:yellow", "cube:red,sphere:blue"};
        for (int i = 0; i < scenes.length; i++) {
            Map<String, String> attributes = withCompositions ? Map.of(BindingTasks.COMPOSITIONS, scenes[i]) : Map.of();
            examples.add(new Example("e" + i, r -> null, List.of(Candidate.of("yes"), Candidate.of("no")), 0,
                    attributes));
            boolean right = i < 6 || i == 9;
            results.add(new Classification("e" + i, 0, right ? 0 : 1, new double[] {1, 2}, new int[] {4, 4}, 8,
                    new int[] {-1, 4}, new double[] {0.7, 0.3}, Optional.empty()));
        }
        Task task = new Task("ShapeColor", "", examples, 0.5);
        return new TaskOutcome("binding", task, Path.of("ckpt"), "ckpt", "fp", "diffusion", Map.of(),
                RunSettings.of(Path.of("ckpt"), 1), results, 0, Duration.ofSeconds(1), Path.of("ShapeColor.csv"),
                Optional.empty(), heldOut);
    }

    @Test
    void examplesWithAHeldOutCompositionOnEitherObjectAreUnseen() {
        CompositionSplit split = outcome(HELD_OUT, true).compositions().orElseThrow();
        assertThat(split.seen()).isEqualTo(6);
        assertThat(split.seenCorrect()).isEqualTo(6);
        assertThat(split.unseen()).isEqualTo(4);
        assertThat(split.unseenCorrect()).isEqualTo(1);
        assertThat(split.unseenAccuracy()).isEqualTo(0.25);
    }

    @Test
    void noSplitWithoutHeldOutCompositionsOrWithoutSceneCompositions() {
        assertThat(outcome(List.of(), true).compositions()).isEmpty();
        assertThat(outcome(HELD_OUT, false).compositions()).isEmpty();
        assertThat(Verdicts.headline(outcome(List.of(), true))).isEqualTo("ShapeColor: 0.70 [0.40, 0.89] n=10");
    }

    @Test
    void verdictMessagesAndTheSummaryReportSeenAndUnseenApart() throws IOException {
        TaskOutcome outcome = outcome(HELD_OUT, true);
        assertThat(Verdicts.aboveChance(outcome, 0.05).message()).startsWith("ShapeColor: 0.70 [0.40, 0.89] n=10"
                + " (seen 1.00 [0.61, 1.00] n=6, unseen 0.25 [0.05, 0.70] n=4 (held-out compositions;"
                + " unseen p=0.938 vs chance)), chance 0.50");

        SuiteSummary summary = new SuiteSummary("binding", List.of(new SummaryRow(outcome, OptionalDouble.empty(),
                List.of(Verdicts.aboveChance(outcome, 0.05)))));
        summary.write(dir);
        List<String> csv = Files.readAllLines(dir.resolve("summary.csv"));
        assertThat(csv.get(0)).endsWith(",seen_n,seen_correct,seen_accuracy,unseen_n,unseen_correct,unseen_accuracy,"
                + "unseen_ci_low,unseen_ci_high,unseen_p_vs_chance");
        assertThat(csv.get(1)).contains(",6,6,1.0,4,1,0.25,");
        assertThat(Files.readString(dir.resolve("summary.md"))).contains("| 6 | 6 | 1.000 | 4 | 1 | 0.250 |")
                .contains("held_out: cube:red, sphere:blue");
    }
}
