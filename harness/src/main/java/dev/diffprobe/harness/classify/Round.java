package dev.diffprobe.harness.classify;

/**
 * One round of an example: the noised x_t each candidate is scored at and the errors coming back.
 * In shared and pruned mode every candidate holds the same t and the same x_t array.
 */
final class Round {
    final int index;
    final double[] t;
    final double[] weight;
    final float[][] xt;
    final double[] errorSum;
    final int[] pending;
    int remaining;

    Round(int index, int candidates) {
        this.index = index;
        this.t = new double[candidates];
        this.weight = new double[candidates];
        this.xt = new float[candidates][];
        this.errorSum = new double[candidates];
        this.pending = new int[candidates];
    }

    boolean issuedFor(int candidate) {
        return xt[candidate] != null;
    }

    /** Forgets a candidate pruned after this round was issued; its results are then ignored. */
    void cancel(int candidate) {
        remaining -= pending[candidate];
        pending[candidate] = 0;
        xt[candidate] = null;
    }
}
