package dev.diffprobe.harness.run;

import dev.diffprobe.harness.config.DiffProbeSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The exclusive right to write one journal, held for as long as the journal is open.
 * <p>
 * The lock is an OS file lock on a dedicated file, {@code <journal>.lock}, taken through one
 * channel that nothing else in the JVM opens: on POSIX systems closing <em>any</em> descriptor of a
 * file releases every lock the process holds on it, so a lock on the journal itself would vanish
 * the moment the journal is read back. Within one JVM a set of held paths refuses a second open
 * before any descriptor is made, for the same reason.
 * <p>
 * A journal locked by another process is waited for, not refused: when that run finishes the task
 * its journal holds every example, and this run resumes from it instead of computing them again.
 * The OS drops the lock of a process that dies, so a killed run never leaves a stale lock.
 */
final class JournalLock implements AutoCloseable {
    static final String SUFFIX = ".lock";

    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration REPORT_EVERY = Duration.ofSeconds(60);

    private final Path lockFile;
    private final FileChannel channel;

    private JournalLock(Path lockFile, FileChannel channel) {
        this.lockFile = lockFile;
        this.channel = channel;
    }

    static Path lockFile(Path journal) {
        return journal.resolveSibling(journal.getFileName() + SUFFIX);
    }

    /**
     * Takes the lock of {@code journal}, waiting at most {@code maxWait} while another process holds it.
     *
     * @throws JournalException when this JVM holds it already, the other process still holds it
     *                          after {@code maxWait}, or the lock file cannot be made
     */
    static JournalLock acquire(Path journal, Duration maxWait, PrintStream log, LongSupplier nanoClock) {
        Path lockFile = lockFile(journal).toAbsolutePath().normalize();
        if (!HELD.add(lockFile)) {
            throw new JournalException(journal, "already open in this JVM; a task runs once at a time per output directory");
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            waitFor(channel, journal, lockFile, maxWait, log, nanoClock);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(holder().getBytes(StandardCharsets.UTF_8)), 0);
            return new JournalLock(lockFile, channel);
        } catch (IOException | RuntimeException e) {
            HELD.remove(lockFile);
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            if (e instanceof JournalException journalException) {
                throw journalException;
            }
            throw new JournalException(journal, "cannot lock " + lockFile + ": " + e.getMessage(), e);
        }
    }

    private static void waitFor(FileChannel channel, Path journal, Path lockFile, Duration maxWait, PrintStream log,
                                LongSupplier nanoClock) throws IOException {
        long start = nanoClock.getAsLong();
        long nextReport = start;
        while (true) {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                if (nextReport != start) {
                    log.println("diffprobe: " + journal + ": the other run released it; resuming from what it journaled");
                }
                return;
            }
            long now = nanoClock.getAsLong();
            if (now - start >= maxWait.toNanos()) {
                throw new JournalException(journal, "is being written by another run (" + otherHolder(lockFile)
                        + "), which still held it after " + maxWait.toSeconds() + " s (-D" + DiffProbeSettings.LOCK_WAIT
                        + "); run again when it has finished, and this run resumes from its journal");
            }
            if (now >= nextReport) {
                long waited = Duration.ofNanos(now - start).toSeconds();
                log.println("diffprobe: " + journal + " is being written by another run (" + otherHolder(lockFile)
                        + ")" + (waited > 0 ? ", waited " + waited + " s" : "")
                        + "; waiting for it, then resuming from its journal instead of computing its examples again");
                nextReport = now + REPORT_EVERY.toNanos();
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new JournalException(journal, "interrupted while waiting for another run's lock on " + lockFile);
            }
        }
    }

    /** Who holds the lock, as the holder wrote it; reading it is safe since this process holds no lock on it yet. */
    private static String otherHolder(Path lockFile) {
        try {
            String text = Files.readString(lockFile, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "holder unknown" : text;
        } catch (IOException | RuntimeException e) {
            return "holder unknown";
        }
    }

    private static String holder() {
        return "process " + ManagementFactory.getRuntimeMXBean().getName();
    }

    @Override
    public void close() {
        HELD.remove(lockFile);
        try {
            channel.close();
        } catch (IOException e) {
            throw new JournalException(lockFile, "cannot release: " + e.getMessage(), e);
        }
    }
}
