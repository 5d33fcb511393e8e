package dev.diffprobe.harness.classify;

import dev.diffprobe.models.NoiseSchedule;

import java.util.Arrays;

/**
 * Maps a uniform u in [0, 1) to a round's t and gives the factor the squared error is multiplied
 * by, so that the mean score estimates E_{t ~ U[tMin, tMax]}[w(t) error(t)] whatever the
 * sampling. Inverse-CDF sampling keeps stratified u stratified in t.
 *
 * <p>The weighted sampler's density is piecewise constant on {@value #CELLS} equal cells of
 * [tMin, tMax], each cell's mass w at its midpoint: the proposal only approximates w, but its
 * density q is known exactly, so w(t) / q(t) makes the estimate unbiased for any weighting.
 */
public final class TimeSampler {
    static final int CELLS = 4096;

    private final Weighting weighting;
    private final NoiseSchedule schedule;
    private final double tMin;
    private final double span;
    /** Null for uniform sampling; else the cumulative cell masses, cdf[0] = 0, cdf[CELLS] = 1. */
    private final double[] cdf;

    private TimeSampler(Weighting weighting, NoiseSchedule schedule, double tMin, double tMax, double[] cdf) {
        this.weighting = weighting;
        this.schedule = schedule;
        this.tMin = tMin;
        this.span = tMax - tMin;
        this.cdf = cdf;
    }

    public static TimeSampler uniform(Weighting weighting, NoiseSchedule schedule, double tMin, double tMax) {
        return new TimeSampler(weighting, schedule, tMin, tMax, null);
    }

    /**
     * @throws SettingException when w is negative, not finite or zero everywhere on the grid, since
     *                          no density can be proportional to it
     */
    public static TimeSampler weighted(Weighting weighting, NoiseSchedule schedule, double tMin, double tMax) {
        double span = tMax - tMin;
        double[] cdf = new double[CELLS + 1];
        for (int i = 0; i < CELLS; i++) {
            double w = weighting.weight(tMin + (i + 0.5) * span / CELLS, schedule);
            if (!(w >= 0) || !Double.isFinite(w)) {
                throw new SettingException(ClassifierSettings.T_SAMPLING, TimeSampling.WEIGHTED.word(),
                        "weighting " + weighting.name() + " gives w=" + w + " inside [tMin, tMax]; "
                                + "importance sampling needs a finite, non-negative w");
            }
            cdf[i + 1] = cdf[i] + w;
        }
        double total = cdf[CELLS];
        if (!(total > 0)) {
            throw new SettingException(ClassifierSettings.T_SAMPLING, TimeSampling.WEIGHTED.word(),
                    "weighting " + weighting.name() + " is zero everywhere in [tMin, tMax]");
        }
        for (int i = 1; i <= CELLS; i++) {
            cdf[i] /= total;
        }
        cdf[CELLS] = 1;
        return new TimeSampler(weighting, schedule, tMin, tMax, cdf);
    }

    /** The t of uniform {@code u} in [0, 1). */
    public double t(double u) {
        if (cdf == null) {
            return tMin + u * span;
        }
        int i = Arrays.binarySearch(cdf, u);
        int cell = i >= 0 ? i : -i - 2;
        while (cdf[cell + 1] == cdf[cell]) {
            cell++;
        }
        double within = (u - cdf[cell]) / (cdf[cell + 1] - cdf[cell]);
        return tMin + (cell + Math.min(within, 1)) * span / CELLS;
    }

    /** What the error at {@code t} is multiplied by: w(t), or w(t) / (q(t) (tMax - tMin)) when weighted. */
    public double factor(double t) {
        double w = weighting.weight(t, schedule);
        if (cdf == null) {
            return w;
        }
        int cell = (int) Math.floor((t - tMin) / span * CELLS);
        cell = Math.max(0, Math.min(CELLS - 1, cell));
        double q = (cdf[cell + 1] - cdf[cell]) * CELLS / span;
        return w / (q * span);
    }
}
