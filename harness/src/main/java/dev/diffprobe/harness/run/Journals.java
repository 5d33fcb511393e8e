package dev.diffprobe.harness.run;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Writing a journal whole, for what builds one from others (a merge of shards), with a run's guarantees. */
public final class Journals {
    private Journals() {
    }

    /**
     * Replaces {@code journal} with {@code text} at once, under the journal's lock (so never while a
     * run appends to it). A journal already there that holds results {@code text} lacks (other
     * settings, or examples it does not have) is first kept aside as a run keeps a superseded
     * journal, so that replacing never loses a finished example.
     *
     * @throws JournalException when {@code text} is not a journal or the file cannot be written
     */
    public static void replace(Path journal, String text, Duration lockWait, PrintStream log) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        List<JournalRow> incoming = JournalReader.read(journal, bytes).rows();
        try {
            Files.createDirectories(journal.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new JournalException(journal, "cannot create its folder: " + e.getMessage(), e);
        }
        try (JournalLock lock = JournalLock.acquire(journal, lockWait, log, System::nanoTime)) {
            if (Files.exists(journal)) {
                List<JournalRow> existing = JournalReader.read(journal).rows();
                Set<String> kept = incoming.stream().map(r -> r.settingsHash() + "\n" + r.exampleId())
                        .collect(Collectors.toCollection(HashSet::new));
                boolean lost = existing.stream().anyMatch(r -> !kept.contains(r.settingsHash() + "\n" + r.exampleId()));
                if (lost) {
                    Path aside = new SupersededJournals(journal).keep(journal, existing.get(0).settingsHash());
                    log.println("diffprobe: " + journal + ": held results the new journal lacks; kept in "
                            + journal.getParent().relativize(aside));
                }
            }
            AtomicFiles.writeBytes(journal, out -> out.write(bytes));
        } catch (IOException e) {
            throw new JournalException(journal, "cannot replace: " + e.getMessage(), e);
        }
    }
}
