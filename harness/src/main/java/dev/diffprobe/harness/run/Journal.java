package dev.diffprobe.harness.run;

import dev.diffprobe.harness.classify.Classification;
import dev.diffprobe.tasks.Candidate;
import dev.diffprobe.tasks.Example;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * The per-example journal of one task on one checkpoint, open for appending.
 * <p>
 * Each finished example is appended as one line and forced to disk ({@code fsync}) before the
 * next: an example costs many denoiser calls, so the sync is cheap beside it, and a finished
 * example then survives a killed JVM and a lost machine alike.
 * <p>
 * Opening takes the journal's {@link JournalLock} (waiting while another process writes it), then
 * resumes the journal when every row carries the same settings hash and, for examples still in
 * the task, the same example digest; its rows become {@link #finished()} and a torn last line is
 * cut off. Otherwise the old file is kept aside under its settings hash ({@link SupersededJournals})
 * and the run continues from a journal kept earlier for the current settings, if there is one, or
 * starts afresh. No finished example is ever deleted. Failed examples (a named error) count as
 * finished: their failure is deterministic; move the journal away to retry them.
 */
final class Journal implements AutoCloseable {
    private static final int FORMAT_VERSION = 1;
    /** Where a journal was put aside before superseded journals were kept by settings hash. */
    private static final String LEGACY_BACKUP = ".bak";

    private final Path file;
    private final JournalLock lock;
    private final FileChannel channel;
    private final Map<String, Classification> finished;
    private final String settingsHash;
    private final long seed;
    private final String fingerprint;

    private Journal(Path file, JournalLock lock, FileChannel channel, Map<String, Classification> finished,
                    String settingsHash, long seed, String fingerprint) {
        this.file = file;
        this.lock = lock;
        this.channel = channel;
        this.finished = finished;
        this.settingsHash = settingsHash;
        this.seed = seed;
        this.fingerprint = fingerprint;
    }

    static Journal open(Path file, List<Example> examples, RunSettings settings, String fingerprint,
                        PrintStream log) {
        return open(file, examples, settings, fingerprint, log, System::nanoTime);
    }

    static Journal open(Path file, List<Example> examples, RunSettings settings, String fingerprint,
                        PrintStream log, LongSupplier nanoClock) {
        String settingsHash = settingsHash(settings, fingerprint);
        Map<String, String> digests = new HashMap<>();
        for (Example example : examples) {
            digests.put(example.id(), exampleDigest(example));
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new JournalException(file, "cannot create its folder: " + e.getMessage(), e);
        }
        JournalLock lock = JournalLock.acquire(file, settings.lockWait(), log, nanoClock);
        FileChannel channel = null;
        try {
            SupersededJournals superseded = new SupersededJournals(file);
            keepLegacyBackup(file, superseded, log);
            JournalReader.Contents contents = Files.exists(file) ? JournalReader.read(file) : EMPTY;
            String stale = staleReason(contents.rows(), settingsHash, digests);
            if (stale != null) {
                Path kept = superseded.keep(file, contents.rows().get(0).settingsHash());
                log.println("diffprobe: " + file + ": " + stale + "; its " + contents.rows().size()
                        + " examples are kept in " + file.getParent().relativize(kept));
                contents = EMPTY;
            }
            if (contents.rows().isEmpty()) {
                Optional<Path> restored = superseded.restore(settingsHash,
                        kept -> staleReason(JournalReader.read(kept).rows(), settingsHash, digests) == null);
                if (restored.isPresent()) {
                    contents = JournalReader.read(file);
                    log.println("diffprobe: " + file + ": resuming the journal of these settings kept in "
                            + file.getParent().relativize(restored.get()) + " (" + contents.rows().size() + " examples)");
                }
            }
            Map<String, Classification> finished = new LinkedHashMap<>();
            for (JournalRow row : contents.rows()) {
                finished.putIfAbsent(row.exampleId(), row.toClassification());
            }
            if (contents.tornBytes() > 0) {
                log.println("diffprobe: " + file + ": dropped a torn last line (" + contents.tornBytes()
                        + " bytes) left by an interrupted run");
            }
            long validLength = contents.validLength();
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            channel.truncate(validLength);
            channel.position(validLength);
            Journal journal = new Journal(file, lock, channel, finished, settingsHash, settings.seed(), fingerprint);
            if (validLength == 0) {
                journal.write(JournalColumn.headers());
            }
            return journal;
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel, e);
            try {
                lock.close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof JournalException journalException) {
                throw journalException;
            }
            throw new JournalException(file, "cannot open for writing: " + e.getMessage(), e);
        }
    }

    private static final JournalReader.Contents EMPTY = new JournalReader.Contents(List.of(), 0, 0);

    /** A {@code .bak} left by an older version holds finished examples too: it joins the kept journals. */
    private static void keepLegacyBackup(Path file, SupersededJournals superseded, PrintStream log) throws IOException {
        Path backup = file.resolveSibling(file.getFileName() + LEGACY_BACKUP);
        if (!Files.exists(backup)) {
            return;
        }
        List<JournalRow> rows = JournalReader.read(backup).rows();
        if (rows.isEmpty()) {
            Files.delete(backup);
            return;
        }
        Path kept = superseded.keep(backup, rows.get(0).settingsHash());
        log.println("diffprobe: " + backup + ": kept as " + file.getParent().relativize(kept));
    }

    private static void closeQuietly(FileChannel channel, Exception failure) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
    }

    /** Why the rows cannot be resumed, or null when they can. */
    private static String staleReason(List<JournalRow> rows, String settingsHash, Map<String, String> digests) {
        for (JournalRow row : rows) {
            if (!row.settingsHash().equals(settingsHash)) {
                return "line " + row.line() + " was written with other settings or another checkpoint (settings hash "
                        + row.settingsHash() + ", now " + settingsHash + ")";
            }
            String digest = digests.get(row.exampleId());
            if (digest != null && !digest.equals(row.exampleDigest())) {
                return "line " + row.line() + ": example " + row.exampleId()
                        + " has changed (other label or prompts)";
            }
        }
        return null;
    }

    Path file() {
        return file;
    }

    /** Examples finished by earlier runs, by id. */
    Map<String, Classification> finished() {
        return finished;
    }

    /**
     * Appends a result and returns it as a later run will read it back (an error message
     * flattened to one line), so that a resumed run's outcome equals an uninterrupted one's.
     */
    Classification append(Example example, Classification result) {
        String[] cells = new String[JournalColumn.values().length];
        cells[JournalColumn.EXAMPLE_ID.ordinal()] = result.exampleId();
        cells[JournalColumn.LABEL.ordinal()] = Integer.toString(result.label());
        cells[JournalColumn.LABEL_NAME.ordinal()] = candidateName(example, result.label());
        cells[JournalColumn.PREDICTED.ordinal()] = Integer.toString(result.predicted());
        cells[JournalColumn.PREDICTED_NAME.ordinal()] = candidateName(example, result.predicted());
        cells[JournalColumn.CORRECT.ordinal()] = Boolean.toString(result.correct());
        cells[JournalColumn.CALLS.ordinal()] = Long.toString(result.denoiserCalls());
        cells[JournalColumn.MEAN_SCORES.ordinal()] = join(result.meanScores());
        cells[JournalColumn.SCORE_COUNTS.ordinal()] = join(result.scoreCounts());
        cells[JournalColumn.DROPPED_AT_ROUND.ordinal()] = join(result.droppedAtRound());
        cells[JournalColumn.SOFTMAX.ordinal()] = join(result.softmax());
        Optional<String> error = result.error().map(Journal::oneLine).map(e -> e.isEmpty() ? "(no message)" : e);
        cells[JournalColumn.ERROR.ordinal()] = error.orElse("");
        cells[JournalColumn.SEED.ordinal()] = Long.toString(seed);
        cells[JournalColumn.CHECKPOINT_FINGERPRINT.ordinal()] = fingerprint;
        cells[JournalColumn.SETTINGS_HASH.ordinal()] = settingsHash;
        cells[JournalColumn.EXAMPLE_DIGEST.ordinal()] = exampleDigest(example);
        try {
            write(cells);
        } catch (IOException e) {
            throw new JournalException(file, "cannot append example " + result.exampleId() + ": "
                    + e.getMessage(), e);
        }
        return new Classification(result.exampleId(), result.label(), result.predicted(), result.meanScores(),
                result.scoreCounts(), result.denoiserCalls(), result.droppedAtRound(), result.softmax(), error);
    }

    private void write(String[] cells) throws IOException {
        StringWriter line = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(line, JournalReader.FORMAT)) {
            printer.printRecord((Object[]) cells);
        }
        ByteBuffer bytes = ByteBuffer.wrap(line.toString().getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
        channel.force(false);
    }

    @Override
    public void close() {
        try (lock) {
            channel.close();
        } catch (IOException e) {
            throw new JournalException(file, "cannot close: " + e.getMessage(), e);
        }
    }

    /**
     * Hashes what decides an example's result besides the example: the checkpoint, the run seed
     * and the classifier settings. The examples cap is left out on purpose: raising it reuses
     * the examples already run.
     */
    static String settingsHash(RunSettings settings, String fingerprint) {
        StringBuilder text = new StringBuilder("journal-v").append(FORMAT_VERSION)
                .append("\ncheckpoint=").append(fingerprint)
                .append("\nseed=").append(settings.seed());
        settings.classifier().forEach((key, value) -> text.append('\n').append(key).append('=').append(value));
        return sha256(text.toString()).substring(0, 16);
    }

    static String exampleDigest(Example example) {
        String text = example.label() + "\n" + example.candidates().stream()
                .map(Journal::describe).collect(Collectors.joining("\n"));
        return sha256(text).substring(0, 12);
    }

    private static String describe(Candidate candidate) {
        return candidate.name() + "\t" + String.join("\t", candidate.prompts());
    }

    private static String candidateName(Example example, int index) {
        return index >= 0 && index < example.candidates().size()
                ? oneLine(example.candidates().get(index).name()) : "";
    }

    /** Keeps every record on one physical line, which torn-line detection relies on. */
    private static String oneLine(String text) {
        return text.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
    }

    private static String join(double[] values) {
        return Arrays.stream(values).mapToObj(Double::toString).collect(Collectors.joining(" "));
    }

    private static String join(int[] values) {
        return Arrays.stream(values).mapToObj(Integer::toString).collect(Collectors.joining(" "));
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
