package dev.diffprobe.tasks.binding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diffprobe.clevr.Scene;
import dev.diffprobe.clevr.SceneSampler;
import dev.diffprobe.tasks.Example;
import dev.diffprobe.tasks.Task;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tasks on clevr-gen's own sampler and renderer. */
class ClevrBindingTasksTest {
    private static final long SEED = 2023;

    @Test
    void allTwentyTasksAreTrueToTheSampledScenes() {
        List<Task> tasks = BindingTasks.all(SEED, 40);
        assertThat(tasks).extracting(Task::name).containsExactlyElementsOf(
                java.util.Arrays.stream(BindingTask.values()).map(BindingTask::taskName).toList());
        SceneSampler sampler = SceneSampler.forBinding();
        for (Task task : tasks) {
            assertThat(task.examples()).hasSize(40);
            for (Example example : task.examples()) {
                Scene scene = sampler.sample(SEED, Long.parseLong(example.attributes().get("scene.index")));
                assertThat(Truth.holds(scene, example.candidates().get(example.label()).name()))
                        .as(example.id()).isTrue();
                assertThat(Truth.holds(scene, example.candidates().get(1 - example.label()).name()))
                        .as(example.id()).isFalse();
            }
        }
    }

    @Test
    void namedTaskEqualsItsPlaceInAll() {
        Task alone = BindingTasks.named("PositionColor", SEED, 25);
        Task inAll = BindingTasks.all(SEED, 25).get(BindingTask.POSITION_GIVEN_COLOR.ordinal());
        assertThat(alone.examples()).extracting(e -> e.id() + e.candidates())
                .isEqualTo(inAll.examples().stream().map(e -> e.id() + e.candidates()).toList());
    }

    @Test
    void imagesRenderAtTheResolutionAsked() throws IOException {
        Example example = BindingTasks.named("Shape", SEED, 1).examples().get(0);
        BufferedImage image = example.image().load(32);
        assertThat(image.getWidth()).isEqualTo(32);
        assertThat(image.getHeight()).isEqualTo(32);
    }
}
