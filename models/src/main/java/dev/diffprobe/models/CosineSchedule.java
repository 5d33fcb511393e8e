package dev.diffprobe.models;

/**
 * Nichol & Dhariwal's cosine schedule, alpha_bar(s) = max(f(s) / f(0), 1e-4) with
 * f(s) = cos^2(((s + 0.008) / 1.008) pi / 2) and s = n / (T - 1) = t. Continuous in t, so unlike
 * {@link DiscreteSchedule} nothing is interpolated and the derivative is analytic.
 */
final class CosineSchedule implements NoiseSchedule {

    /** Below this alpha_bar the trainer clips, so that x_t keeps a trace of x at t = 1. */
    static final double MIN_ALPHA_BAR = 1e-4;
    private static final double OFFSET = 0.008;
    private static final double F0 = f(0);

    private final int steps;

    CosineSchedule(ScheduleConfig config) {
        steps = config.trainTimesteps();
    }

    @Override
    public double alpha(double t) {
        return Math.sqrt(alphaBar(t));
    }

    @Override
    public double sigma(double t) {
        return Math.sqrt(1 - alphaBar(t));
    }

    @Override
    public double snr(double t) {
        double alphaBar = alphaBar(t);
        return alphaBar / (1 - alphaBar);
    }

    @Override
    public double snrDerivative(double t) {
        double alphaBar = alphaBar(t);
        if (f(t) / F0 <= MIN_ALPHA_BAR) {
            return 0;
        }
        double slope = -Math.sin(2 * phase(t)) * (Math.PI / 2) / (1 + OFFSET) / F0;
        return slope / ((1 - alphaBar) * (1 - alphaBar));
    }

    @Override
    public float timestep(double t) {
        return (float) (Schedules.checked(t) * (steps - 1));
    }

    private static double alphaBar(double t) {
        return Math.max(f(Schedules.checked(t)) / F0, MIN_ALPHA_BAR);
    }

    private static double phase(double s) {
        return (s + OFFSET) / (1 + OFFSET) * Math.PI / 2;
    }

    private static double f(double s) {
        double c = Math.cos(phase(s));
        return c * c;
    }
}
