package dev.diffprobe.clevr;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A small ray tracer for CLEVR-looking scenes: analytic cubes, spheres and cylinders on a grey
 * ground plane, lit by CLEVR's key, fill and back lamps with soft shadows; rubber is matte,
 * metal adds a mirror reflection and a sharp highlight. Each pixel averages a 2x2 stratified
 * grid of rays, each with its own point on every area light, so anti-aliasing and shadow
 * softness share the same four samples. Rendering is a pure function of the scene and size:
 * no randomness, no shared mutable state, so one instance may serve any number of threads.
 */
public final class Renderer {
    /** Ray samples per pixel side (a {@value}x{@value} grid). */
    public static final int SAMPLES_PER_SIDE = 2;

    private static final double GROUND_ALBEDO = 0.52;
    private static final double AMBIENT = 0.28;
    private static final double SKY = 0.85;
    private static final double RUBBER_SPECULAR = 0.06;
    private static final double RUBBER_SHININESS = 12;
    private static final double METAL_DIFFUSE = 0.15;
    private static final double METAL_REFLECTION = 1.1;
    private static final double METAL_SPECULAR = 0.8;
    private static final double METAL_SHININESS = 20;
    /** Light-sample offsets in units of a light's radius: one per ray of the 2x2 grid. */
    private static final double[][] LIGHT_OFFSETS = {{-0.5, -0.5}, {0.5, 0.5}, {0.5, -0.5}, {-0.5, 0.5}};

    private final Camera camera = Camera.CLEVR;
    private final Light[] lights = Light.CLEVR;

    /** Renders {@code scene} as a {@code size} x {@code size} TYPE_INT_RGB image. */
    public BufferedImage render(Scene scene, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("image size must be positive, was " + size);
        }
        List<SceneObject> objects = scene.objects();
        Solid[] solids = new Solid[objects.size()];
        double[][] albedo = new double[objects.size()][];
        boolean[] metal = new boolean[objects.size()];
        for (int i = 0; i < solids.length; i++) {
            SceneObject o = objects.get(i);
            solids[i] = Solid.of(o);
            albedo[i] = new double[] {o.color().r() / 255.0, o.color().g() / 255.0, o.color().b() / 255.0};
            metal[i] = o.material() == Material.METAL;
        }
        return new Frame(solids, albedo, metal).draw(size);
    }

    /** One scene's precomputed data plus per-call scratch space. */
    private final class Frame {
        private final Solid[] solids;
        private final double[][] albedo;
        private final boolean[] metal;
        private final double[] normal = new double[3];
        private final double[] rgb = new double[3];
        private int hitIndex;

        Frame(Solid[] solids, double[][] albedo, boolean[] metal) {
            this.solids = solids;
            this.albedo = albedo;
            this.metal = metal;
        }

        BufferedImage draw(int size) {
            BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
            int[] row = new int[size];
            int n = SAMPLES_PER_SIDE;
            double scale = 2 * camera.halfWidth / size;
            for (int j = 0; j < size; j++) {
                for (int i = 0; i < size; i++) {
                    double r = 0, g = 0, b = 0;
                    for (int sj = 0; sj < n; sj++) {
                        for (int si = 0; si < n; si++) {
                            double u = (i + (si + 0.5) / n) * scale - camera.halfWidth;
                            double v = camera.halfWidth - (j + (sj + 0.5) / n) * scale;
                            double dx = camera.fx + u * camera.rx + v * camera.ux;
                            double dy = camera.fy + u * camera.ry + v * camera.uy;
                            double dz = camera.fz + u * camera.rz + v * camera.uz;
                            int sample = (sj * n + si + i + 2 * j) & 3;
                            trace(camera.px, camera.py, camera.pz, dx, dy, dz, sample, true, -1);
                            r += rgb[0];
                            g += rgb[1];
                            b += rgb[2];
                        }
                    }
                    int count = n * n;
                    row[i] = (channel(r / count) << 16) | (channel(g / count) << 8) | channel(b / count);
                }
                image.setRGB(0, j, size, 1, row, 0, size);
            }
            return image;
        }

        private int channel(double value) {
            return (int) Math.round(Math.min(1.0, Math.max(0.0, value)) * 255);
        }

        /** Leaves the colour seen along the ray in {@link #rgb}. */
        private void trace(double ox, double oy, double oz, double dx, double dy, double dz,
                           int sample, boolean primary, int skip) {
            double t = nearest(ox, oy, oz, dx, dy, dz, skip);
            int object = hitIndex;
            if (object < 0) {
                if (dz >= 0) {
                    rgb[0] = rgb[1] = rgb[2] = SKY;
                    return;
                }
                t = -oz / dz;
                double x = ox + t * dx, y = oy + t * dy;
                double light = AMBIENT + direct(x, y, 0, 0, 0, 1, sample, primary);
                rgb[0] = rgb[1] = rgb[2] = GROUND_ALBEDO * light;
                return;
            }
            double x = ox + t * dx, y = oy + t * dy, z = oz + t * dz;
            solids[object].normal(x, y, z, normal);
            double nx = normal[0], ny = normal[1], nz = normal[2];
            double dn = Math.sqrt(dx * dx + dy * dy + dz * dz);
            double vx = dx / dn, vy = dy / dn, vz = dz / dn;
            double vdotn = vx * nx + vy * ny + vz * nz;
            double mx = vx - 2 * vdotn * nx, my = vy - 2 * vdotn * ny, mz = vz - 2 * vdotn * nz;
            double diffuse = direct(x, y, z, nx, ny, nz, sample, primary);
            double[] a = albedo[object];
            if (!metal[object]) {
                double highlight = RUBBER_SPECULAR * highlight(x, y, z, mx, my, mz, RUBBER_SHININESS);
                for (int c = 0; c < 3; c++) {
                    rgb[c] = a[c] * (AMBIENT + diffuse) + highlight;
                }
                return;
            }
            double highlight = METAL_SPECULAR * highlight(x, y, z, mx, my, mz, METAL_SHININESS);
            double base = METAL_DIFFUSE * (AMBIENT + diffuse);
            if (primary) {
                trace(x, y, z, mx, my, mz, sample, false, object);
            } else {
                rgb[0] = rgb[1] = rgb[2] = SKY * 0.5;
            }
            for (int c = 0; c < 3; c++) {
                rgb[c] = a[c] * (base + METAL_REFLECTION * rgb[c]) + highlight;
            }
        }

        /** Parameter of the nearest object hit, with its index in {@link #hitIndex} (-1: none). */
        private double nearest(double ox, double oy, double oz, double dx, double dy, double dz, int skip) {
            double best = Double.POSITIVE_INFINITY;
            hitIndex = -1;
            for (int k = 0; k < solids.length; k++) {
                if (k == skip) {
                    continue;
                }
                double t = solids[k].intersect(ox, oy, oz, dx, dy, dz, best);
                if (t < best) {
                    best = t;
                    hitIndex = k;
                }
            }
            return best;
        }

        /** Lambertian light at a point from all lamps, shadowed only for primary rays. */
        private double direct(double x, double y, double z, double nx, double ny, double nz,
                              int sample, boolean shadows) {
            double sum = 0;
            double[] offset = LIGHT_OFFSETS[sample];
            for (Light light : lights) {
                double lx = light.x() + offset[0] * light.radius() - x;
                double ly = light.y() + offset[1] * light.radius() - y;
                double lz = light.z() - z;
                double dot = lx * nx + ly * ny + lz * nz;
                if (dot <= 0) {
                    continue;
                }
                if (shadows && occluded(x, y, z, lx, ly, lz)) {
                    continue;
                }
                sum += light.intensity() * dot / Math.sqrt(lx * lx + ly * ly + lz * lz);
            }
            return sum;
        }

        private boolean occluded(double x, double y, double z, double lx, double ly, double lz) {
            for (Solid solid : solids) {
                if (solid.intersect(x, y, z, lx, ly, lz, 1.0) < 1.0) {
                    return true;
                }
            }
            return false;
        }

        /** Phong highlight of all lamps along the mirror direction (unit m). */
        private double highlight(double x, double y, double z, double mx, double my, double mz, double shininess) {
            double sum = 0;
            for (Light light : lights) {
                double lx = light.x() - x, ly = light.y() - y, lz = light.z() - z;
                double dot = (lx * mx + ly * my + lz * mz) / Math.sqrt(lx * lx + ly * ly + lz * lz);
                if (dot > 0) {
                    sum += light.intensity() * StrictMath.pow(dot, shininess);
                }
            }
            return sum;
        }
    }
}
