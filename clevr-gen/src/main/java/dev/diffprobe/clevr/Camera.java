package dev.diffprobe.clevr;

/**
 * CLEVR's camera: placed where CLEVR's Blender scene puts it (elevated, in front and to the
 * right of the scene, looking down about 25 degrees at the origin), with a square image and a
 * field of view a little tighter than CLEVR's so that two objects fill a 32 px frame well.
 * Screen coordinates are normalised: (0,0) is the top-left corner, (1,1) the bottom-right.
 */
final class Camera {
    static final Camera CLEVR = new Camera(7.36, -6.93, 4.96, 0.0, 0.0, 0.3, 18.0);

    final double px, py, pz;
    final double fx, fy, fz;
    final double rx, ry, rz;
    final double ux, uy, uz;
    /** Half-width of the image plane at unit distance: tan(fov / 2). */
    final double halfWidth;

    Camera(double px, double py, double pz, double tx, double ty, double tz, double fovDegrees) {
        this.px = px;
        this.py = py;
        this.pz = pz;
        double dx = tx - px, dy = ty - py, dz = tz - pz;
        double n = Math.sqrt(dx * dx + dy * dy + dz * dz);
        fx = dx / n;
        fy = dy / n;
        fz = dz / n;
        // right = forward x worldUp (z), so the ground plane's horizon stays level on screen
        double ax = fy, ay = -fx;
        double an = Math.sqrt(ax * ax + ay * ay);
        rx = ax / an;
        ry = ay / an;
        rz = 0;
        // up = right x forward
        ux = ry * fz - rz * fy;
        uy = rz * fx - rx * fz;
        uz = rx * fy - ry * fx;
        halfWidth = StrictMath.tan(Math.toRadians(fovDegrees) / 2);
    }

    /** Normalised screen x of a world point, or NaN when it lies behind the camera. */
    double screenX(double x, double y, double z) {
        double dx = x - px, dy = y - py, dz = z - pz;
        double depth = dx * fx + dy * fy + dz * fz;
        if (depth <= 0) {
            return Double.NaN;
        }
        return 0.5 + (dx * rx + dy * ry + dz * rz) / (depth * halfWidth * 2);
    }

    /** Normalised screen y (down) of a world point, or NaN when it lies behind the camera. */
    double screenY(double x, double y, double z) {
        double dx = x - px, dy = y - py, dz = z - pz;
        double depth = dx * fx + dy * fy + dz * fz;
        if (depth <= 0) {
            return Double.NaN;
        }
        return 0.5 - (dx * ux + dy * uy + dz * uz) / (depth * halfWidth * 2);
    }
}
