package dev.diffprobe.clevr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SceneSamplerTest {
    private static final int REF = ScreenBox.REFERENCE_SIZE;

    @Test
    void dependsOnlyOnSeedAndIndex() {
        SceneSampler sampler = SceneSampler.withObjects(3);
        Scene late = sampler.sample(42, 17);
        for (int k = 0; k < 17; k++) {
            sampler.sample(42, k);
        }
        assertThat(SceneSampler.withObjects(3).sample(42, 17)).isEqualTo(late);
        assertThat(late.index()).isEqualTo(17);
        assertThat(late.seed()).isEqualTo(42);
        assertThat(sampler.sample(43, 17)).isNotEqualTo(late);
        assertThat(sampler.sample(42, 18)).isNotEqualTo(late);
    }

    @Test
    void drawsTheAskedNumberOfObjects() {
        for (int count = 1; count <= 5; count++) {
            assertThat(SceneSampler.withObjects(count).sample(1, count).objects()).hasSize(count);
        }
        assertThat(SceneSampler.withObjects(SceneSampler.MAX_OBJECTS).sample(1, 0).objects())
                .hasSize(SceneSampler.MAX_OBJECTS);
        assertThatThrownBy(() -> SceneSampler.withObjects(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one object");
        assertThatThrownBy(() -> SceneSampler.withObjects(SceneSampler.MAX_OBJECTS + 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 10");
    }

    @Test
    void keepsObjectsApartOnTheGroundAndInsideTheFrame() {
        for (int k = 0; k < 300; k++) {
            List<SceneObject> objects = SceneSampler.withObjects(1 + k % 4).sample(2, k).objects();
            for (SceneObject o : objects) {
                assertInsideFrame(o.box());
                assertThat(o.z()).isEqualTo(Solid.halfExtent(o.shape(), o.size()));
                assertThat(Math.abs(o.x())).isLessThanOrEqualTo(SceneSampler.AREA);
                assertThat(Math.abs(o.y())).isLessThanOrEqualTo(SceneSampler.AREA);
            }
            for (int i = 0; i < objects.size(); i++) {
                for (int j = i + 1; j < objects.size(); j++) {
                    SceneObject a = objects.get(i), b = objects.get(j);
                    double gap = Math.hypot(a.x() - b.x(), a.y() - b.y()) - a.size().scale() - b.size().scale();
                    assertThat(gap).isGreaterThanOrEqualTo(SceneSampler.MIN_GAP);
                }
            }
        }
    }

    @Test
    void bindingScenesHaveTwoObjectsOfDifferentShapeAndColourWellApartLeftAndRight() {
        SceneSampler sampler = SceneSampler.forBinding();
        for (int k = 0; k < 500; k++) {
            Scene scene = sampler.sample(9, k);
            assertThat(scene.objects()).hasSize(2);
            SceneObject left = scene.leftToRight().get(0), right = scene.leftToRight().get(1);
            assertThat(left.shape()).isNotEqualTo(right.shape());
            assertThat(left.color()).isNotEqualTo(right.color());
            assertInsideFrame(left.box());
            assertInsideFrame(right.box());
            // disjoint screen columns: neither object can hide any part of the other
            assertThat(right.box().minX() - left.box().maxX())
                    .isGreaterThanOrEqualTo((int) (SceneSampler.BINDING_SCREEN_GAP * REF));
            assertThat(scene.positionOf(left)).isEqualTo(Position.LEFT);
            assertThat(scene.positionOf(right)).isEqualTo(Position.RIGHT);
        }
    }

    @Test
    void bindingScenesCoverEveryShapeColourSizeAndMaterial() {
        SceneSampler sampler = SceneSampler.forBinding();
        java.util.Set<Object> seen = new java.util.HashSet<>();
        for (int k = 0; k < 400; k++) {
            for (SceneObject o : sampler.sample(4, k).objects()) {
                seen.addAll(List.of(o.shape(), o.color(), o.size(), o.material()));
            }
        }
        assertThat(seen).hasSize(Shape.values().length + Color.values().length + Size.values().length
                + Material.values().length);
    }

    /** The recorded box encloses exactly the pixels whose centre ray hits the object. */
    @Test
    void boxIsTheObjectsScreenExtent() {
        int size = 200;
        Camera camera = Camera.CLEVR;
        for (int k = 0; k < 12; k++) {
            SceneObject o = SceneSampler.withObjects(1).sample(6, k).objects().get(0);
            Solid solid = Solid.of(o);
            int minX = size, minY = size, maxX = -1, maxY = -1;
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    double u = ((x + 0.5) / size * 2 - 1) * camera.halfWidth;
                    double v = (1 - (y + 0.5) / size * 2) * camera.halfWidth;
                    double t = solid.intersect(camera.px, camera.py, camera.pz,
                            camera.fx + u * camera.rx + v * camera.ux,
                            camera.fy + u * camera.ry + v * camera.uy,
                            camera.fz + u * camera.rz + v * camera.uz, Double.POSITIVE_INFINITY);
                    if (t < Double.POSITIVE_INFINITY) {
                        minX = Math.min(minX, x);
                        minY = Math.min(minY, y);
                        maxX = Math.max(maxX, x + 1);
                        maxY = Math.max(maxY, y + 1);
                    }
                }
            }
            ScreenBox box = o.box().scaledTo(size);
            assertThat(minX).as("%s left edge", o.shape()).isBetween(box.minX(), box.minX() + 1);
            assertThat(minY).as("%s top edge", o.shape()).isBetween(box.minY(), box.minY() + 1);
            assertThat(maxX).as("%s right edge", o.shape()).isBetween(box.maxX() - 1, box.maxX());
            assertThat(maxY).as("%s bottom edge", o.shape()).isBetween(box.maxY() - 1, box.maxY());
        }
    }

    private static void assertInsideFrame(ScreenBox box) {
        assertThat(box.minX()).isGreaterThanOrEqualTo(0);
        assertThat(box.minY()).isGreaterThanOrEqualTo(0);
        assertThat(box.maxX()).isLessThanOrEqualTo(REF);
        assertThat(box.maxY()).isLessThanOrEqualTo(REF);
        assertThat(box.maxX()).isGreaterThan(box.minX());
        assertThat(box.maxY()).isGreaterThan(box.minY());
    }
}
