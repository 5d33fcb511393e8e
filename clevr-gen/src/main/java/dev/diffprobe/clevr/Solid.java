package dev.diffprobe.clevr;

/**
 * The geometry of one object, precomputed once per scene: analytic ray intersection, surface
 * normal and on-screen outline. Rays need not be normalised; {@code t} is measured in units of
 * the given direction, so a shadow ray towards a light hits before the light when {@code t < 1}.
 */
final class Solid {
    private static final double EPS = 1e-6;
    private static final int OUTLINE_POINTS = 64;

    final Shape shape;
    /** Centre of the object (on the ground plane at height {@link #half}). */
    final double cx, cy, cz;
    /** Half-extent: sphere and cylinder radius and half-height, cube half-side. */
    final double half;
    /** Radius of a sphere enclosing the object, for cheap rejection. */
    final double bound;
    private final double cos, sin;

    private Solid(Shape shape, double cx, double cy, double half, double rotationDegrees) {
        this.shape = shape;
        this.cx = cx;
        this.cy = cy;
        this.cz = half;
        this.half = half;
        double a = Math.toRadians(rotationDegrees);
        this.cos = StrictMath.cos(a);
        this.sin = StrictMath.sin(a);
        this.bound = switch (shape) {
            case SPHERE -> half;
            case CUBE -> half * Math.sqrt(3);
            case CYLINDER -> half * Math.sqrt(2);
        };
    }

    /**
     * CLEVR divides a cube's scale by sqrt(2), so that its footprint's circumradius equals the
     * scale, like the sphere's and cylinder's radius.
     */
    static double halfExtent(Shape shape, Size size) {
        return shape == Shape.CUBE ? size.scale() / Math.sqrt(2) : size.scale();
    }

    static Solid of(Shape shape, Size size, double x, double y, double rotationDegrees) {
        return new Solid(shape, x, y, halfExtent(shape, size), rotationDegrees);
    }

    static Solid of(SceneObject o) {
        return of(o.shape(), o.size(), o.x(), o.y(), o.rotationDegrees());
    }

    /** Nearest hit parameter in (EPS, tMax), or +infinity. */
    double intersect(double ox, double oy, double oz, double dx, double dy, double dz, double tMax) {
        double lx = ox - cx, ly = oy - cy, lz = oz - cz;
        double a = dx * dx + dy * dy + dz * dz;
        double b = lx * dx + ly * dy + lz * dz;
        double c = lx * lx + ly * ly + lz * lz - bound * bound;
        double disc = b * b - a * c;
        if (disc < 0) {
            return Double.POSITIVE_INFINITY;
        }
        double sq = Math.sqrt(disc);
        if ((-b + sq) / a <= EPS || (-b - sq) / a >= tMax) {
            return Double.POSITIVE_INFINITY;
        }
        double t = switch (shape) {
            case SPHERE -> {
                double t0 = (-b - sq) / a;
                yield t0 > EPS ? t0 : (-b + sq) / a;
            }
            case CUBE -> cube(lx, ly, lz, dx, dy, dz);
            case CYLINDER -> cylinder(lx, ly, lz, dx, dy, dz);
        };
        return t > EPS && t < tMax ? t : Double.POSITIVE_INFINITY;
    }

    private double cube(double lx, double ly, double lz, double dx, double dy, double dz) {
        double ox = cos * lx + sin * ly, oy = -sin * lx + cos * ly;
        double vx = cos * dx + sin * dy, vy = -sin * dx + cos * dy;
        // slab test with the three axes unrolled: a loop over arrays would allocate per ray
        double near = Double.NEGATIVE_INFINITY, far = Double.POSITIVE_INFINITY;
        if (Math.abs(vx) < 1e-12) {
            if (Math.abs(ox) > half) {
                return Double.POSITIVE_INFINITY;
            }
        } else {
            double t1 = (-half - ox) / vx, t2 = (half - ox) / vx;
            near = Math.max(near, Math.min(t1, t2));
            far = Math.min(far, Math.max(t1, t2));
        }
        if (Math.abs(vy) < 1e-12) {
            if (Math.abs(oy) > half) {
                return Double.POSITIVE_INFINITY;
            }
        } else {
            double t1 = (-half - oy) / vy, t2 = (half - oy) / vy;
            near = Math.max(near, Math.min(t1, t2));
            far = Math.min(far, Math.max(t1, t2));
        }
        if (Math.abs(dz) < 1e-12) {
            if (Math.abs(lz) > half) {
                return Double.POSITIVE_INFINITY;
            }
        } else {
            double t1 = (-half - lz) / dz, t2 = (half - lz) / dz;
            near = Math.max(near, Math.min(t1, t2));
            far = Math.min(far, Math.max(t1, t2));
        }
        if (near > far || far <= EPS) {
            return Double.POSITIVE_INFINITY;
        }
        return near > EPS ? near : far;
    }

    private double cylinder(double lx, double ly, double lz, double dx, double dy, double dz) {
        double best = Double.POSITIVE_INFINITY;
        double a = dx * dx + dy * dy;
        if (a > 1e-12) {
            double b = lx * dx + ly * dy;
            double c = lx * lx + ly * ly - half * half;
            double disc = b * b - a * c;
            if (disc >= 0) {
                double sq = Math.sqrt(disc);
                double t0 = (-b - sq) / a, t1 = (-b + sq) / a;
                if (t0 > EPS && Math.abs(lz + t0 * dz) <= half) {
                    best = t0;
                } else if (t1 > EPS && Math.abs(lz + t1 * dz) <= half) {
                    best = t1;
                }
            }
        }
        if (Math.abs(dz) > 1e-12) {
            for (double capZ = -half; capZ <= half; capZ += 2 * half) {
                double t = (capZ - lz) / dz;
                if (t > EPS && t < best) {
                    double hx = lx + t * dx, hy = ly + t * dy;
                    if (hx * hx + hy * hy <= half * half) {
                        best = t;
                    }
                }
            }
        }
        return best;
    }

    /** Writes the outward unit normal at surface point (x, y, z) into {@code n}. */
    void normal(double x, double y, double z, double[] n) {
        double lx = x - cx, ly = y - cy, lz = z - cz;
        switch (shape) {
            case SPHERE -> set(n, lx / half, ly / half, lz / half);
            case CYLINDER -> {
                double r = Math.sqrt(lx * lx + ly * ly);
                if (Math.abs(lz) >= half - 1e-6 * half && half - r > 1e-4 * half) {
                    set(n, 0, 0, Math.signum(lz));
                } else {
                    set(n, lx / r, ly / r, 0);
                }
            }
            case CUBE -> {
                double ox = cos * lx + sin * ly, oy = -sin * lx + cos * ly;
                double ax = Math.abs(ox), ay = Math.abs(oy), az = Math.abs(lz);
                if (az >= ax && az >= ay) {
                    set(n, 0, 0, Math.signum(lz));
                } else if (ax >= ay) {
                    double s = Math.signum(ox);
                    set(n, s * cos, s * sin, 0);
                } else {
                    double s = Math.signum(oy);
                    set(n, -s * sin, s * cos, 0);
                }
            }
        }
    }

    private static void set(double[] n, double x, double y, double z) {
        n[0] = x;
        n[1] = y;
        n[2] = z;
    }

    /**
     * The object's screen bounding box in pixels of a {@code size}-px image: the projection of
     * its cube corners, its cylinder rims, or its sphere's silhouette circle.
     */
    ScreenBox box(Camera camera, int size) {
        double[] bounds = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        switch (shape) {
            case CUBE -> {
                for (int i = 0; i < 8; i++) {
                    double ox = (i & 1) == 0 ? -half : half;
                    double oy = (i & 2) == 0 ? -half : half;
                    double oz = (i & 4) == 0 ? -half : half;
                    include(camera, bounds, cx + cos * ox - sin * oy, cy + sin * ox + cos * oy, cz + oz);
                }
            }
            case CYLINDER -> {
                for (int i = 0; i < OUTLINE_POINTS; i++) {
                    double a = 2 * Math.PI * i / OUTLINE_POINTS;
                    double x = cx + half * StrictMath.cos(a), y = cy + half * StrictMath.sin(a);
                    include(camera, bounds, x, y, cz - half);
                    include(camera, bounds, x, y, cz + half);
                }
            }
            case SPHERE -> sphereOutline(camera, bounds);
        }
        return new ScreenBox((int) Math.floor(bounds[0] * size), (int) Math.floor(bounds[1] * size),
                (int) Math.ceil(bounds[2] * size), (int) Math.ceil(bounds[3] * size));
    }

    private void sphereOutline(Camera camera, double[] bounds) {
        // The silhouette is the circle where rays from the eye graze the sphere.
        double wx = cx - camera.px, wy = cy - camera.py, wz = cz - camera.pz;
        double d2 = wx * wx + wy * wy + wz * wz, d = Math.sqrt(d2);
        double k = 1 - half * half / d2;
        double ox = camera.px + wx * k, oy = camera.py + wy * k, oz = camera.pz + wz * k;
        double rc = half * Math.sqrt(d2 - half * half) / d;
        wx /= d;
        wy /= d;
        wz /= d;
        // two unit vectors spanning the plane normal to w
        double ax = -wy, ay = wx, az = 0;
        double an = Math.sqrt(ax * ax + ay * ay);
        ax /= an;
        ay /= an;
        double bx = wy * az - wz * ay, by = wz * ax - wx * az, bz = wx * ay - wy * ax;
        for (int i = 0; i < OUTLINE_POINTS; i++) {
            double a = 2 * Math.PI * i / OUTLINE_POINTS;
            double c = rc * StrictMath.cos(a), s = rc * StrictMath.sin(a);
            include(camera, bounds, ox + c * ax + s * bx, oy + c * ay + s * by, oz + c * az + s * bz);
        }
    }

    private static void include(Camera camera, double[] bounds, double x, double y, double z) {
        double sx = camera.screenX(x, y, z), sy = camera.screenY(x, y, z);
        bounds[0] = Math.min(bounds[0], sx);
        bounds[1] = Math.min(bounds[1], sy);
        bounds[2] = Math.max(bounds[2], sx);
        bounds[3] = Math.max(bounds[3], sy);
    }
}
