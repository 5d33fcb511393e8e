package dev.diffprobe.clevr;

/** Derives one random stream's seed from several numbers, so nearby inputs decorrelate. */
final class Seeds {
    private Seeds() {
    }

    /** Stafford's variant 13 of the SplitMix64 finaliser applied to a golden-ratio combination. */
    static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
