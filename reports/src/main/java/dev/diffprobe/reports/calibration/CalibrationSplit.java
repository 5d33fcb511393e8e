package dev.diffprobe.reports.calibration;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Which examples a calibration is fitted on, and which it is judged on. An example belongs to
 * the fit split when the first 64 bits of SHA-256(example id), read as a fraction of 2^64, are
 * below {@code fitFraction}. The split thus depends on the id alone: the same example lands on
 * the same side whatever the order, the shard or the example cap of the run, and the held-out
 * side is never seen by the fit.
 */
public record CalibrationSplit(double fitFraction) {

    /** Half the examples fit the calibration, the other half measure it. */
    public static final double DEFAULT_FIT_FRACTION = 0.5;

    public CalibrationSplit {
        if (!(fitFraction > 0 && fitFraction < 1)) {
            throw new IllegalArgumentException("calibration fit fraction must lie strictly between 0 and 1, was "
                    + fitFraction);
        }
    }

    public static CalibrationSplit defaults() {
        return new CalibrationSplit(DEFAULT_FIT_FRACTION);
    }

    public boolean isFit(String exampleId) {
        return position(exampleId) < fitFraction;
    }

    /** The id's place in [0, 1). */
    static double position(String exampleId) {
        byte[] digest = sha256(exampleId.getBytes(StandardCharsets.UTF_8));
        long bits = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            bits = (bits << 8) | (digest[i] & 0xff);
        }
        return (bits >>> 11) * 0x1.0p-53;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
