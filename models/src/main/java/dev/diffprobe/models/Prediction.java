package dev.diffprobe.models;

/** What a denoiser outputs, and how that becomes an estimate of x0. */
public enum Prediction {
    /** The noise eps: x0 = (x_t - sigma eps) / alpha. */
    EPSILON("epsilon"),
    /** v = alpha eps - sigma x0 (Salimans & Ho): x0 = alpha x_t - sigma v. */
    V("v"),
    /** x0 itself. */
    X0("x0");

    private final String yamlName;

    Prediction(String yamlName) {
        this.yamlName = yamlName;
    }

    /** The constant named {@code value} in model.yaml, or null. */
    static Prediction parse(String value) {
        for (Prediction prediction : values()) {
            if (prediction.yamlName.equals(value)) {
                return prediction;
            }
        }
        return null;
    }

    /**
     * x0 for one image, from its x_t and the denoiser's output for it at {@code out[offset...]}.
     * A non-finite output value is passed through as it is, not converted: an estimate built from
     * it means nothing, and an error message can then report what the denoiser returned (an
     * epsilon of +Infinity would otherwise read as an x0 of -Infinity).
     */
    float[] toX0(float[] xt, float[] out, int offset, double alpha, double sigma) {
        float[] x0 = new float[xt.length];
        switch (this) {
            case EPSILON -> {
                for (int i = 0; i < xt.length; i++) {
                    x0[i] = (float) ((xt[i] - sigma * out[offset + i]) / alpha);
                }
            }
            case V -> {
                for (int i = 0; i < xt.length; i++) {
                    x0[i] = (float) (alpha * xt[i] - sigma * out[offset + i]);
                }
            }
            case X0 -> System.arraycopy(out, offset, x0, 0, xt.length);
        }
        for (int i = 0; i < xt.length; i++) {
            if (!Float.isFinite(out[offset + i])) {
                x0[i] = out[offset + i];
            }
        }
        return x0;
    }
}
