package dev.diffprobe.tasks.binding;

import static dev.diffprobe.tasks.binding.Scenes.object;
import static dev.diffprobe.tasks.binding.Scenes.scene;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.diffprobe.clevr.Color;
import dev.diffprobe.clevr.Scene;
import dev.diffprobe.clevr.Shape;
import dev.diffprobe.clevr.Size;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BindingTaskTest {
    /** Large red cube on the left, small blue sphere on the right (listed right first). */
    private static final Scene RED_CUBE_BLUE_SPHERE = scene(1,
            object(Shape.SPHERE, Color.BLUE, Size.SMALL, 40),
            object(Shape.CUBE, Color.RED, Size.LARGE, 5));

    /** Small green cube on the left, small green cylinder on the right: colour and size shared. */
    private static final Scene GREEN_CUBE_GREEN_CYLINDER = scene(2,
            object(Shape.CYLINDER, Color.GREEN, Size.SMALL, 42),
            object(Shape.CUBE, Color.GREEN, Size.SMALL, 3));

    private static Contrast c(String positive, String negative) {
        return new Contrast(positive, negative);
    }

    @Test
    void twentyTasksWithFileSafeNames() {
        List<String> names = Arrays.stream(BindingTask.values()).map(BindingTask::taskName).toList();
        assertThat(names).containsExactly("Shape", "Color",
                "Shape_Color", "ShapeColor", "ColorShape",
                "Shape_Size", "ShapeSize", "SizeShape",
                "Shape_Position", "ShapePosition", "PositionShape",
                "Color_Size", "ColorSize", "SizeColor",
                "Color_Position", "ColorPosition", "PositionColor",
                "Size_Position", "SizePosition", "PositionSize");
        assertThat(names).allMatch(n -> n.matches("[A-Za-z_]+"));
        assertThat(BindingTask.named("ColorShape")).isEqualTo(BindingTask.COLOR_GIVEN_SHAPE);
        assertThatThrownBy(() -> BindingTask.named("Colour")).hasMessageContaining("Colour")
                .hasMessageContaining("ShapeColor");
    }

    @Test
    void promptsOfARedCubeLeftOfABlueSphere() {
        Map<BindingTask, List<Contrast>> expected = new LinkedHashMap<>();
        expected.put(BindingTask.SHAPE_CONTROL, List.of(
                c("A cube.", "A cylinder."), c("A sphere.", "A cylinder.")));
        expected.put(BindingTask.SHAPE_COLOR_PAIR, List.of(
                c("A red cube and a blue sphere.", "A blue cube and a red sphere.")));
        expected.put(BindingTask.SHAPE_GIVEN_COLOR, List.of(
                c("A red cube.", "A red sphere."), c("A blue sphere.", "A blue cube.")));
        expected.put(BindingTask.COLOR_GIVEN_SHAPE, List.of(
                c("A red cube.", "A blue cube."), c("A blue sphere.", "A red sphere.")));
        expected.put(BindingTask.SHAPE_SIZE_PAIR, List.of(
                c("A large cube and a small sphere.", "A small cube and a large sphere.")));
        expected.put(BindingTask.SHAPE_GIVEN_SIZE, List.of(
                c("A large cube.", "A large sphere."), c("A small sphere.", "A small cube.")));
        expected.put(BindingTask.SIZE_GIVEN_SHAPE, List.of(
                c("A large cube.", "A small cube."), c("A small sphere.", "A large sphere.")));
        expected.put(BindingTask.SHAPE_POSITION_PAIR, List.of(
                c("On the left is a cube and on the right is a sphere.",
                        "On the left is a sphere and on the right is a cube.")));
        expected.put(BindingTask.SHAPE_GIVEN_POSITION, List.of(
                c("On the left is a cube.", "On the left is a sphere."),
                c("On the right is a sphere.", "On the right is a cube.")));
        expected.put(BindingTask.POSITION_GIVEN_SHAPE, List.of(
                c("On the left is a cube.", "On the right is a cube."),
                c("On the right is a sphere.", "On the left is a sphere.")));
        expected.put(BindingTask.COLOR_SIZE_PAIR, List.of(
                c("A large red object and a small blue object.", "A small red object and a large blue object.")));
        expected.put(BindingTask.COLOR_GIVEN_SIZE, List.of(
                c("A large red object.", "A large blue object."), c("A small blue object.", "A small red object.")));
        expected.put(BindingTask.SIZE_GIVEN_COLOR, List.of(
                c("A large red object.", "A small red object."), c("A small blue object.", "A large blue object.")));
        expected.put(BindingTask.COLOR_POSITION_PAIR, List.of(
                c("On the left is a red object and on the right is a blue object.",
                        "On the left is a blue object and on the right is a red object.")));
        expected.put(BindingTask.COLOR_GIVEN_POSITION, List.of(
                c("On the left is a red object.", "On the left is a blue object."),
                c("On the right is a blue object.", "On the right is a red object.")));
        expected.put(BindingTask.POSITION_GIVEN_COLOR, List.of(
                c("On the left is a red object.", "On the right is a red object."),
                c("On the right is a blue object.", "On the left is a blue object.")));
        expected.put(BindingTask.SIZE_POSITION_PAIR, List.of(
                c("On the left is a large object and on the right is a small object.",
                        "On the left is a small object and on the right is a large object.")));
        expected.put(BindingTask.SIZE_GIVEN_POSITION, List.of(
                c("On the left is a large object.", "On the left is a small object."),
                c("On the right is a small object.", "On the right is a large object.")));
        expected.put(BindingTask.POSITION_GIVEN_SIZE, List.of(
                c("On the left is a large object.", "On the right is a large object."),
                c("On the right is a small object.", "On the left is a small object.")));
        expected.forEach((task, contrasts) ->
                assertThat(task.contrasts(RED_CUBE_BLUE_SPHERE)).as(task.taskName()).isEqualTo(contrasts));
    }

    @Test
    void colorControlTakesEveryColourMissingFromTheImage() {
        List<Contrast> expected = new ArrayList<>();
        for (String shown : List.of("red", "blue")) {
            for (String absent : List.of("gray", "green", "brown", "purple", "cyan", "yellow")) {
                expected.add(c("A " + shown + " object.", "A " + absent + " object."));
            }
        }
        assertThat(BindingTask.COLOR_CONTROL.contrasts(RED_CUBE_BLUE_SPHERE)).isEqualTo(expected);
        assertThat(BindingTask.COLOR_CONTROL.contrasts(GREEN_CUBE_GREEN_CYLINDER)).hasSize(14)
                .allMatch(contrast -> contrast.positive().equals("A green object."))
                .noneMatch(contrast -> contrast.negative().contains("green"));
    }

    @Test
    void scenesSharingColourOrSizeAreSkippedByTasksThatUseThem() {
        for (BindingTask task : BindingTask.values()) {
            boolean usesSharedAttribute = task.distinct().contains(Attribute.COLOR)
                    || task.distinct().contains(Attribute.SIZE);
            assertThat(task.contrasts(GREEN_CUBE_GREEN_CYLINDER).isEmpty()).as(task.taskName())
                    .isEqualTo(usesSharedAttribute);
        }
        assertThat(BindingTask.SHAPE_CONTROL.contrasts(GREEN_CUBE_GREEN_CYLINDER)).containsExactly(
                c("A cube.", "A sphere."), c("A cylinder.", "A sphere."));
        assertThat(BindingTask.SHAPE_POSITION_PAIR.contrasts(GREEN_CUBE_GREEN_CYLINDER)).containsExactly(
                c("On the left is a cube and on the right is a cylinder.",
                        "On the left is a cylinder and on the right is a cube."));
        assertThat(BindingTask.POSITION_GIVEN_SHAPE.contrasts(GREEN_CUBE_GREEN_CYLINDER)).containsExactly(
                c("On the left is a cube.", "On the right is a cube."),
                c("On the right is a cylinder.", "On the left is a cylinder."));
    }

    @Test
    void positivesAreTrueAndNegativesFalseOnThousandsOfScenes() {
        int checked = 0;
        for (long index = 0; index < 2000; index++) {
            Scene scene = Scenes.random(11, index);
            for (BindingTask task : BindingTask.values()) {
                for (Contrast contrast : task.contrasts(scene)) {
                    assertThat(Truth.holds(scene, contrast.positive()))
                            .as("%s positive '%s' on %s", task.taskName(), contrast.positive(), scene).isTrue();
                    assertThat(Truth.holds(scene, contrast.negative()))
                            .as("%s negative '%s' on %s", task.taskName(), contrast.negative(), scene).isFalse();
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(2000 * BindingTask.values().length);
    }

    @Test
    void theCheckerItselfTellsTrueFromFalse() {
        assertThat(Truth.holds(RED_CUBE_BLUE_SPHERE, "On the left is a large red cube.")).isTrue();
        assertThat(Truth.holds(RED_CUBE_BLUE_SPHERE, "On the right is a large red cube.")).isFalse();
        assertThat(Truth.holds(RED_CUBE_BLUE_SPHERE, "A red cube and a red cube.")).isFalse();
        assertThat(Truth.holds(GREEN_CUBE_GREEN_CYLINDER, "A green object and a green object.")).isTrue();
    }

    @Test
    void onlyTwoObjectScenesAreAccepted() {
        Scene three = scene(3, object(Shape.CUBE, Color.RED, Size.LARGE, 0),
                object(Shape.SPHERE, Color.RED, Size.LARGE, 20),
                object(Shape.CYLINDER, Color.RED, Size.LARGE, 40));
        assertThatThrownBy(() -> BindingTask.SHAPE_CONTROL.contrasts(three))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exactly 2 objects");
    }
}
