package dev.diffprobe.tasks.binding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.diffprobe.clevr.Color;
import dev.diffprobe.clevr.Scene;
import dev.diffprobe.clevr.Shape;
import dev.diffprobe.clevr.Size;
import dev.diffprobe.tasks.Example;
import dev.diffprobe.tasks.ImageSource;
import dev.diffprobe.tasks.Task;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

class BindingTasksTest {
    private static final long SEED = 5;
    private static final Function<Scene, ImageSource> NO_PIXELS = scene -> resolution -> {
        throw new UnsupportedOperationException("these tests read prompts only");
    };

    private static Task build(BindingTask task, long seed, int n) {
        LongFunction<Scene> scenes = index -> Scenes.random(seed, index);
        return BindingTasks.build(task, seed, n, scenes, NO_PIXELS);
    }

    @Test
    void eachExampleHasTwoCandidatesAndTheLabelPointsAtTheTrueOne() {
        for (BindingTask task : BindingTask.values()) {
            Task built = build(task, SEED, 300);
            assertThat(built.name()).isEqualTo(task.taskName());
            assertThat(built.chance()).isEqualTo(0.5);
            assertThat(built.examples()).hasSize(300);
            for (Example example : built.examples()) {
                Scene scene = Scenes.random(SEED, Long.parseLong(example.attributes().get("scene.index")));
                assertThat(example.id()).isEqualTo(task.taskName() + "/" + SEED + "/" + scene.index());
                assertThat(example.candidates()).hasSize(2);
                assertThat(Truth.holds(scene, example.candidates().get(example.label()).prompts().get(0))).isTrue();
                assertThat(Truth.holds(scene, example.candidates().get(1 - example.label()).prompts().get(0))).isFalse();
            }
            assertThat(built.examples().stream().map(Example::id).distinct()).hasSize(300);
        }
    }

    /**
     * The label is a fair coin per example: over 1000 examples the count of label 0 is
     * Binomial(1000, 1/2), sd 15.8; a count more than 4 sd from 500 has probability 6e-5.
     */
    @Test
    void labelPositionsAreBalanced() {
        for (BindingTask task : BindingTask.values()) {
            long zeros = build(task, SEED, 1000).examples().stream().filter(e -> e.label() == 0).count();
            double sd = Math.sqrt(1000 * 0.25);
            assertThat(Math.abs(zeros - 500.0)).as(task.taskName() + " label-0 count " + zeros)
                    .isLessThanOrEqualTo(4 * sd);
        }
    }

    @Test
    void theSameSeedGivesTheSameTaskAndAnotherSeedAnother() {
        for (BindingTask task : List.of(BindingTask.COLOR_CONTROL, BindingTask.SIZE_GIVEN_COLOR)) {
            List<String> first = prompts(build(task, SEED, 200));
            assertThat(prompts(build(task, SEED, 200))).isEqualTo(first);
            assertThat(prompts(build(task, SEED + 1, 200))).isNotEqualTo(first);
        }
    }

    @Test
    void askingForMoreExamplesKeepsTheFirstOnes() {
        List<String> small = prompts(build(BindingTask.COLOR_GIVEN_SHAPE, SEED, 50));
        assertThat(prompts(build(BindingTask.COLOR_GIVEN_SHAPE, SEED, 120)).subList(0, small.size()))
                .isEqualTo(small);
    }

    @Test
    void degenerateScenesAreSkippedSoIdsHaveGaps() {
        Task sizes = build(BindingTask.SIZE_GIVEN_COLOR, SEED, 100);
        long lastIndex = Long.parseLong(sizes.examples().get(99).attributes().get("scene.index"));
        assertThat(lastIndex).isGreaterThan(99);
        for (Example example : sizes.examples()) {
            Scene scene = Scenes.random(SEED, Long.parseLong(example.attributes().get("scene.index")));
            assertThat(scene.objects().get(0).size()).isNotEqualTo(scene.objects().get(1).size());
            assertThat(scene.objects().get(0).color()).isNotEqualTo(scene.objects().get(1).color());
        }
    }

    @Test
    void eachExampleNamesItsScenesShapeColourCompositionsLeftToRight() {
        Scene scene = Scenes.scene(0,
                Scenes.object(Shape.CYLINDER, Color.GREEN, Size.SMALL, 60),
                Scenes.object(Shape.CUBE, Color.RED, Size.LARGE, -60));
        Task task = BindingTasks.build(BindingTask.SHAPE_CONTROL, SEED, 2, index -> scene, NO_PIXELS);
        List<String> left = scene.leftToRight().stream().map(o -> o.shape().word() + ":" + o.color().word()).toList();
        assertThat(task.examples()).allSatisfy(example ->
                assertThat(example.attributes().get(BindingTasks.COMPOSITIONS)).isEqualTo(String.join(",", left)));
        assertThat(left).containsExactlyInAnyOrder("cylinder:green", "cube:red");
    }

    @Test
    void aSamplerThatNeverYieldsAUsableSceneIsReportedNotLoopedOn() {
        Scene sameSize = Scenes.scene(0,
                Scenes.object(Shape.CUBE, Color.RED, Size.SMALL, 0),
                Scenes.object(Shape.SPHERE, Color.BLUE, Size.SMALL, 40));
        assertThatThrownBy(() -> BindingTasks.build(BindingTask.SIZE_GIVEN_SHAPE, SEED, 3, index -> sameSize, NO_PIXELS))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("SizeShape");
        assertThatThrownBy(() -> build(BindingTask.SHAPE_CONTROL, SEED, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static List<String> prompts(Task task) {
        return task.examples().stream()
                .map(e -> e.id() + ":" + e.candidates().get(0).name() + "|" + e.candidates().get(1).name())
                .toList();
    }
}
