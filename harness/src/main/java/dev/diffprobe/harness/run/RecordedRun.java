package dev.diffprobe.harness.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a task journal says about the run that wrote it: the run seed, the checkpoint's
 * fingerprint and the settings hash, which tools that combine several runs' results check
 * before they trust them (runs of one checkpoint, one protocol, different seeds).
 */
public record RecordedRun(Path journal, long seed, String fingerprint, String settingsHash) {

    /**
     * Reads a journal's provenance; a journal with no finished example, or whose lines come from
     * more than one seed, checkpoint or settings, is an {@link IllegalArgumentException} naming it.
     */
    public static RecordedRun read(Path journal) {
        List<JournalRow> rows;
        try {
            rows = JournalReader.read(journal).rows();
        } catch (JournalException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("journal " + journal + " holds no finished example");
        }
        JournalRow first = rows.get(0);
        for (JournalRow row : rows) {
            if (row.seed() != first.seed() || !row.settingsHash().equals(first.settingsHash())
                    || !row.checkpointFingerprint().equals(first.checkpointFingerprint())) {
                throw new IllegalArgumentException("journal " + journal + " mixes runs: lines " + first.line() + " and "
                        + row.line() + " differ in seed, checkpoint or classifier settings");
            }
        }
        return new RecordedRun(journal, first.seed(), first.checkpointFingerprint(), first.settingsHash());
    }

    /** The fingerprint as reports show it. */
    public String shortFingerprint() {
        return fingerprint.substring(0, Math.min(12, fingerprint.length()));
    }

    /** Whether this run classified with exactly these classifier settings (as a suite resolves them). */
    public boolean madeWith(Map<String, String> classifier) {
        return settingsHash.equals(Journal.settingsHash(RunSettings.of(journal, seed).withClassifier(classifier),
                fingerprint));
    }
}
