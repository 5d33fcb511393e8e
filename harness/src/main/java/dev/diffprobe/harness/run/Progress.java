package dev.diffprobe.harness.run;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The progress line of a long task on stderr: examples done of total, denoiser calls per second
 * and the time left. Whole lines, never carriage returns, so CI logs stay readable: a line at
 * each further tenth of the task, at most one per {@link #MIN_INTERVAL}, and one at least every
 * {@link #MAX_SILENCE} so that a slow task still shows it is alive.
 */
final class Progress {
    static final Duration MIN_INTERVAL = Duration.ofSeconds(2);
    static final Duration MAX_SILENCE = Duration.ofSeconds(60);

    private final String label;
    private final int total;
    private final int resumed;
    private final PrintStream out;
    private final LongSupplier nanoClock;
    private final long start;
    private long lastPrint;
    private int lastDecile;
    private int done;
    private long calls;

    Progress(String label, int total, int resumed, PrintStream out, LongSupplier nanoClock) {
        this.label = label;
        this.total = total;
        this.resumed = resumed;
        this.out = out;
        this.nanoClock = nanoClock;
        this.start = nanoClock.getAsLong();
        this.lastPrint = start;
        this.done = resumed;
        this.lastDecile = decile(resumed);
        if (resumed > 0) {
            out.println(String.format(Locale.ROOT, "diffprobe %s: resuming, %d/%d examples already in the journal",
                    label, resumed, total));
        }
    }

    void finished(long exampleCalls) {
        done++;
        calls += exampleCalls;
        long now = nanoClock.getAsLong();
        int decile = decile(done);
        boolean newStep = decile > lastDecile && now - lastPrint >= MIN_INTERVAL.toNanos();
        boolean silentTooLong = now - lastPrint >= MAX_SILENCE.toNanos();
        if (done == total || newStep || silentTooLong) {
            print(now);
            lastPrint = now;
            lastDecile = decile;
        }
    }

    private int decile(int count) {
        return total == 0 ? 10 : count * 10 / total;
    }

    private void print(long now) {
        double seconds = (now - start) / 1e9;
        int ranHere = done - resumed;
        double callsPerSecond = seconds > 0 ? calls / seconds : 0;
        String eta = ranHere > 0 ? duration(seconds / ranHere * (total - done)) : "?";
        out.println(String.format(Locale.ROOT, "diffprobe %s: %d/%d examples (%d%%), %.1f calls/s, ETA %s",
                label, done, total, total == 0 ? 100 : done * 100 / total, callsPerSecond, eta));
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }
}
