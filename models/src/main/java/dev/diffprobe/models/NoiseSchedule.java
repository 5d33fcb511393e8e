package dev.diffprobe.models;

/**
 * The forward process x_t = alpha(t) x + sigma(t) eps for continuous t in [0, 1], mapped onto a
 * checkpoint's discrete train schedule (see models/README.md for the mapping).
 */
public interface NoiseSchedule {
    double alpha(double t);

    double sigma(double t);

    /** Signal-to-noise ratio alpha^2 / sigma^2. */
    default double snr(double t) {
        double a = alpha(t);
        double s = sigma(t);
        return a * a / (s * s);
    }

    /** d SNR / dt, needed by the VDM weighting. */
    double snrDerivative(double t);

    /** The timestep value the denoiser is fed for continuous t. */
    float timestep(double t);
}
