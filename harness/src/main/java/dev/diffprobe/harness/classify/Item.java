package dev.diffprobe.harness.classify;

import dev.diffprobe.models.TextEmbedding;

/** One image of a batch: a candidate's prompt at a round of an example. */
record Item(ExampleRun run, Round round, int candidate, TextEmbedding prompt) {
    /** An item whose example finished or whose candidate was pruned is not worth a call. */
    boolean stale() {
        return run.finished() || !round.issuedFor(candidate);
    }
}
