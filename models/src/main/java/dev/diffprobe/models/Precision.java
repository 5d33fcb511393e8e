package dev.diffprobe.models;

import java.util.Locale;
import java.util.Optional;

/**
 * The floating-point type a checkpoint's TorchScript modules compute in (model.yaml
 * {@code dtype}). Every module takes and returns float32 whatever it is: a half module casts its
 * inputs on entry and its output on exit, on the device where it runs, so Java builds and reads
 * float32 arrays and copies the same bytes as ever, and a float32 checkpoint runs exactly as it
 * always has. The casts live in the modules because DJL 0.33's PyTorch bindings cannot make a
 * bfloat16 tensor (converting to one aborts the JVM) and report a bfloat16 output as of unknown type.
 */
public enum Precision {
    /**
     * Java and Python on one CPU agree to 1e-4; a GPU's TF32 arithmetic drifts further; a wrong
     * model.yaml field changes outputs by tenths or more.
     */
    FLOAT32(1e-2),
    /**
     * A 10-bit mantissa rounds a value of order 1 by up to 2^-11 (5e-4), and a denoiser rounds a
     * few dozen times along its depth, so its outputs drift by some 1e-3 (the float16 test
     * fixture: 2e-4 of the scale from float32 of the same weights); twice the float32 bound,
     * still far below a wrong field's tenths.
     */
    FLOAT16(2e-2),
    /**
     * A 7-bit mantissa rounds eight times coarser (2^-8, 4e-3, per rounding): the bfloat16
     * export of tiny-clevr-diffusion lies 0.027 of the scale from its float32 export, so ten
     * times the float32 bound; a wrong prediction type still fails the reference check.
     */
    BFLOAT16(1e-1);

    private final double tolerance;

    Precision(double tolerance) {
        this.tolerance = tolerance;
    }

    /**
     * Largest accepted difference between two x0 estimates of the same inputs and weights, one in
     * this precision and one in this precision or float32, relative to the larger of 1 and the
     * largest reference value.
     */
    public double tolerance() {
        return tolerance;
    }

    /** The precision model.yaml's word names, case-insensitively. */
    public static Optional<Precision> parse(String word) {
        for (Precision precision : values()) {
            if (precision.word().equals(word.strip().toLowerCase(Locale.ROOT))) {
                return Optional.of(precision);
            }
        }
        return Optional.empty();
    }

    /** How model.yaml spells it. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
