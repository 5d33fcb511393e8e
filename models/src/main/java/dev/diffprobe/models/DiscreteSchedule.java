package dev.diffprobe.models;

/**
 * A linear or scaled_linear beta schedule over T train timesteps, read at continuous t through
 * n = t (T - 1) with the log-SNR interpolated linearly between neighbouring integers (models/README.md).
 */
final class DiscreteSchedule implements NoiseSchedule {

    private final double[] logSnr;
    private final int steps;

    DiscreteSchedule(ScheduleConfig config) {
        steps = config.trainTimesteps();
        logSnr = new double[steps];
        double from = config.betaStart();
        double to = config.betaEnd();
        boolean scaled = config.type() == ScheduleConfig.Type.SCALED_LINEAR;
        if (scaled) {
            from = Math.sqrt(from);
            to = Math.sqrt(to);
        }
        double alphaBar = 1;
        for (int k = 0; k < steps; k++) {
            double beta = from + (to - from) * k / (steps - 1);
            if (scaled) {
                beta *= beta;
            }
            alphaBar *= 1 - beta;
            logSnr[k] = Math.log(alphaBar / (1 - alphaBar));
        }
    }

    @Override
    public double alpha(double t) {
        return Math.sqrt(sigmoid(logSnr(t)));
    }

    @Override
    public double sigma(double t) {
        return Math.sqrt(sigmoid(-logSnr(t)));
    }

    @Override
    public double snr(double t) {
        return Math.exp(logSnr(t));
    }

    /** Exact on the interpolated curve: the log-SNR slope of the segment t falls in (the right one at a knot). */
    @Override
    public double snrDerivative(double t) {
        int k = segment(t);
        return snr(t) * (logSnr[k + 1] - logSnr[k]) * (steps - 1);
    }

    @Override
    public float timestep(double t) {
        return (float) (Schedules.checked(t) * (steps - 1));
    }

    private double logSnr(double t) {
        int k = segment(t);
        double fraction = Schedules.checked(t) * (steps - 1) - k;
        return logSnr[k] + fraction * (logSnr[k + 1] - logSnr[k]);
    }

    private int segment(double t) {
        return Math.min((int) Math.floor(Schedules.checked(t) * (steps - 1)), steps - 2);
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
