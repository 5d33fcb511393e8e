package dev.diffprobe.models;

/** The {@link NoiseSchedule} a checkpoint's model.yaml describes. */
public final class Schedules {

    private Schedules() {
    }

    public static NoiseSchedule of(ScheduleConfig config) {
        return switch (config.type()) {
            case LINEAR, SCALED_LINEAR -> new DiscreteSchedule(config);
            case COSINE -> new CosineSchedule(config);
        };
    }

    static double checked(double t) {
        if (!(t >= 0 && t <= 1)) {
            throw new IllegalArgumentException("t must be in [0, 1], got " + t);
        }
        return t;
    }
}
