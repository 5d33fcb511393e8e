package dev.diffprobe.harness.classify;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * The (t, eps) draws of one example (or, in naive mode, of one candidate of it). The stream
 * depends only on the run seed, the example id and the stream number, so an example scores the
 * same whatever the order, batch composition, thread or shard it runs in. Gaussians come from
 * Marsaglia's polar method over {@link StrictMath}, whose results the JDK fixes bit for bit,
 * rather than from {@code RandomGenerator.nextGaussian}, whose algorithm a JDK may change.
 *
 * <p>Round r draws t first, then the eps values, so the stream position of a round depends only
 * on r. Stratified t is a randomly rotated base-2 van der Corput sequence (Cranley-Patterson
 * rotation): every block of the first 2^j rounds puts exactly one t in each of 2^j equal strata,
 * whatever the number of rounds pruning ends up running. The {@link TimeSampler} maps that u to t
 * by its inverse CDF, so strata of u are strata of the sampling density.
 */
public final class NoiseStream {
    private final SplittableRandom random;
    private final boolean stratified;
    private final TimeSampler sampler;
    private final double rotation;
    private int round;
    private double spareGaussian;
    private boolean hasSpare;

    private NoiseStream(long state, boolean stratified, TimeSampler sampler) {
        this.random = new SplittableRandom(state);
        this.stratified = stratified;
        this.sampler = sampler;
        this.rotation = stratified ? random.nextDouble() : 0;
    }

    /**
     * Stream {@code stream} of example {@code exampleId}: 0 is the shared stream, 1 + k the own
     * stream of candidate k in naive mode.
     */
    public static NoiseStream of(long seed, String exampleId, int stream, boolean stratified, double tMin) {
        return of(seed, exampleId, stream, stratified, TimeSampler.uniform(null, null, tMin, 1 - tMin));
    }

    /** As {@link #of(long, String, int, boolean, double)}, with t drawn by {@code sampler}. */
    public static NoiseStream of(long seed, String exampleId, int stream, boolean stratified, TimeSampler sampler) {
        long h = 0xcbf29ce484222325L;
        for (byte b : exampleId.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        long state = mix(mix(h ^ mix(seed)) + 0x9E3779B97F4A7C15L * stream);
        return new NoiseStream(state, stratified, sampler);
    }

    /** The next round's t, in the sampler's [tMin, tMax]. */
    public double nextT() {
        double u = stratified ? (vanDerCorput(round) + rotation) % 1.0 : random.nextDouble();
        round++;
        return sampler.t(u);
    }

    /** Fills {@code eps} with standard normal values. */
    public void nextGaussians(float[] eps) {
        for (int i = 0; i < eps.length; i++) {
            eps[i] = (float) nextGaussian();
        }
    }

    private double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spareGaussian;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * random.nextDouble() - 1;
            v = 2 * random.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double f = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
        spareGaussian = v * f;
        hasSpare = true;
        return u * f;
    }

    private static double vanDerCorput(int n) {
        return (Integer.reverse(n) >>> 1) / (double) (1L << 31);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
