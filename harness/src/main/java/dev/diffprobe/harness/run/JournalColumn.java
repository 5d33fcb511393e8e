package dev.diffprobe.harness.run;

/**
 * The columns of a task journal, in file order. Per-candidate values (mean scores, counts, the
 * round each candidate was dropped, softmax) are space-separated lists in one cell, indexed like
 * the example's candidates, so that tasks of any width share one header.
 */
public enum JournalColumn {
    EXAMPLE_ID("example_id"),
    LABEL("label"),
    LABEL_NAME("label_name"),
    PREDICTED("predicted"),
    PREDICTED_NAME("predicted_name"),
    CORRECT("correct"),
    CALLS("calls"),
    MEAN_SCORES("mean_scores"),
    SCORE_COUNTS("score_counts"),
    DROPPED_AT_ROUND("dropped_at_round"),
    SOFTMAX("softmax"),
    ERROR("error"),
    SEED("seed"),
    CHECKPOINT_FINGERPRINT("checkpoint_fingerprint"),
    SETTINGS_HASH("settings_hash"),
    EXAMPLE_DIGEST("example_digest");

    private final String header;

    JournalColumn(String header) {
        this.header = header;
    }

    public String header() {
        return header;
    }

    static String[] headers() {
        JournalColumn[] columns = values();
        String[] headers = new String[columns.length];
        for (int i = 0; i < columns.length; i++) {
            headers[i] = columns[i].header;
        }
        return headers;
    }
}
