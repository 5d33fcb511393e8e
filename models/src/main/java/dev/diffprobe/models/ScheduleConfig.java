package dev.diffprobe.models;

/**
 * The {@code schedule} block of model.yaml: the noise schedule the checkpoint was trained with.
 *
 * @param betaStart first beta of a linear/scaled_linear schedule; NaN for cosine
 * @param betaEnd last beta of a linear/scaled_linear schedule; NaN for cosine
 * @param trainTimesteps T, the number of discrete train timesteps n = 0..T-1
 */
public record ScheduleConfig(Type type, double betaStart, double betaEnd, int trainTimesteps) {

    /** The schedule families model.yaml may name. */
    public enum Type {
        LINEAR("linear"),
        SCALED_LINEAR("scaled_linear"),
        COSINE("cosine");

        private final String yamlName;

        Type(String yamlName) {
            this.yamlName = yamlName;
        }

        static Type parse(String value) {
            for (Type type : values()) {
                if (type.yamlName.equals(value)) {
                    return type;
                }
            }
            return null;
        }
    }

    /** Reads the block, noting problems through {@code fields}; null when it is unusable. */
    static ScheduleConfig read(YamlFields fields) {
        String typeName = fields.string("type");
        Type type = Type.parse(typeName);
        if (typeName != null && type == null) {
            fields.invalid("type", typeName, "one of linear, scaled_linear, cosine (unknown schedule type)");
        }
        int steps = fields.positiveInt("train_timesteps");
        if (steps == 1) {
            fields.invalid("train_timesteps", steps, "at least 2");
        }
        double betaStart = Double.NaN;
        double betaEnd = Double.NaN;
        if (type == Type.LINEAR || type == Type.SCALED_LINEAR) {
            betaStart = beta(fields, "beta_start");
            betaEnd = beta(fields, "beta_end");
            if (betaStart >= betaEnd) {
                fields.invalid("beta_end", betaEnd, "a beta larger than beta_start " + betaStart);
            }
        }
        if (type == null || steps < 2 || (type != Type.COSINE && !(betaStart < betaEnd))) {
            return null;
        }
        return new ScheduleConfig(type, betaStart, betaEnd, steps);
    }

    private static double beta(YamlFields fields, String key) {
        double beta = fields.number(key);
        if (!Double.isNaN(beta) && !(beta > 0 && beta < 1)) {
            fields.invalid(key, beta, "a number in (0, 1)");
            return Double.NaN;
        }
        return beta;
    }
}
