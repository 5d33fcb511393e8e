package dev.diffprobe.harness.study;

import dev.diffprobe.harness.classify.ClassifierSettings;
import dev.diffprobe.harness.stats.Interval;
import dev.diffprobe.harness.stats.PairedComparison;
import dev.diffprobe.harness.stats.WilsonInterval;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Picks the range of t a task's rounds should be drawn from ({@code tMin}, {@code tMax}) on a
 * labelled development set:
 *
 * <pre>
 * TimeWindowFit TRACES.csv [--rounds 6] [--min-width 0.4]
 * </pre>
 *
 * TRACES is a shared-noise recording of the estimator study over the full range of t, with the t
 * of every round. A round whose t falls in a window is a draw of t uniform in that window, so the
 * first n such rounds of each example are exactly what a classifier drawing t in the window would
 * score: each window on a grid of 0.1 is judged by the shared-noise accuracy of its first
 * {@code --rounds} rounds per example (an example with fewer in the window is judged on those it
 * has, and is wrong with none, which counts against narrow windows). Only a window better than the
 * full range by the paired exact McNemar test at p < {@value #ALPHA} on these examples can replace
 * it, so that noise among the many windows does not pick one; of those, the most accurate wins, the
 * wider on a tie. Picked among many on the same examples, its accuracy here is optimistic: confirm
 * it on fresh examples.
 */
public final class TimeWindowFit {
    static final int CELLS = 10;
    static final double ALPHA = 0.05;

    /** A window's result on the development set. */
    record Window(double lo, double hi, boolean[] right, int shortOfRounds, double meanRounds) {
        int correct() {
            int correct = 0;
            for (boolean r : right) {
                correct += r ? 1 : 0;
            }
            return correct;
        }

        double accuracy() {
            return (double) correct() / right.length;
        }

        double width() {
            return hi - lo;
        }

        /** The classifier settings that draw t in this window; the grid's ends are the default range's. */
        String settings() {
            double tMin = lo == 0 ? ClassifierSettings.DEFAULT_T_MIN : lo;
            double tMax = hi >= 1 ? 1 - ClassifierSettings.DEFAULT_T_MIN : hi;
            return ClassifierSettings.T_MIN + "=" + tMin + "," + ClassifierSettings.T_MAX + "=" + tMax;
        }
    }

    private TimeWindowFit() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String usage = "usage: TimeWindowFit TRACES.csv [--rounds 6] [--min-width 0.4]";
        Path file = null;
        int rounds = 6;
        double minWidth = 0.4;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--rounds" -> rounds = number(args[i], args[++i], true).intValue();
                    case "--min-width" -> minWidth = number(args[i], args[++i], false).doubleValue();
                    default -> {
                        if (args[i].startsWith("--") || file != null) {
                            throw new IllegalArgumentException("unexpected argument '" + args[i] + "'");
                        }
                        file = Path.of(args[i]);
                    }
                }
            }
            if (file == null) {
                throw new IllegalArgumentException("a trace file is required");
            }
            if (rounds < 1) {
                throw new IllegalArgumentException("--rounds must be at least 1, got " + rounds);
            }
            if (!(minWidth >= 1.0 / CELLS && minWidth <= 1)) {
                throw new IllegalArgumentException("--min-width must be in [" + 1.0 / CELLS + ", 1], got " + minWidth);
            }
        } catch (ArrayIndexOutOfBoundsException | IllegalArgumentException e) {
            err.println("TimeWindowFit: " + (e instanceof ArrayIndexOutOfBoundsException ? "an option lacks its value"
                    : e.getMessage()) + ". " + usage);
            return 2;
        }
        try {
            List<Traces.Trace> traces = Traces.read(file, "uniform").traces();
            List<Window> windows = fit(traces, rounds, minWidth, file);
            Window best = best(windows);
            out.printf(Locale.ROOT, "%s: %d examples, %d rounds per example judged%n", file, traces.size(), rounds);
            out.println("| t window | accuracy [95% Wilson] | lost/gained vs [0, 1] | McNemar p | examples short of rounds"
                    + " | mean rounds used |");
            out.println("|---|---|---|---|---|---|");
            Window full = windows.get(0);
            for (Window w : windows) {
                Interval ci = WilsonInterval.of(w.correct(), w.right().length);
                PairedComparison vsFull = PairedComparison.of(full.right(), w.right());
                out.printf(Locale.ROOT, "| [%.1f, %.1f]%s | %.3f [%.3f, %.3f] | %d/%d | %.3g | %d | %.2f |%n", w.lo(),
                        w.hi(), w == best ? " (picked)" : "", w.accuracy(), ci.lower(), ci.upper(), vsFull.lost(),
                        vsFull.gained(), vsFull.pTwoSided(), w.shortOfRounds(), w.meanRounds());
            }
            out.println("picked: " + best.settings());
            return 0;
        } catch (IOException | IllegalArgumentException e) {
            err.println("TimeWindowFit: " + e.getMessage());
            return 1;
        }
    }

    private static Number number(String option, String value, boolean integer) {
        try {
            return integer ? Integer.valueOf(value.trim()) : Double.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " expects " + (integer ? "an integer" : "a number")
                    + ", got '" + value + "'");
        }
    }

    /** Every window of the grid at least {@code minWidth} wide, narrowest last within each start. */
    static List<Window> fit(List<Traces.Trace> traces, int rounds, double minWidth, Path file) {
        if (traces.isEmpty()) {
            throw new IllegalArgumentException(file + ": no traces");
        }
        for (Traces.Trace trace : traces) {
            requireSharedT(trace, file);
        }
        int minCells = (int) Math.round(minWidth * CELLS);
        List<Window> windows = new ArrayList<>();
        for (int a = 0; a + minCells <= CELLS; a++) {
            for (int b = CELLS; b >= a + minCells; b--) {
                windows.add(judge(traces, a / (double) CELLS, b / (double) CELLS, b == CELLS, rounds));
            }
        }
        return windows;
    }

    /** The full range (the first window), unless another is significantly better on these examples. */
    static Window best(List<Window> windows) {
        Window full = windows.get(0);
        Window best = full;
        for (Window w : windows) {
            PairedComparison vsFull = PairedComparison.of(full.right(), w.right());
            boolean better = vsFull.gained() > vsFull.lost() && vsFull.pTwoSided() < ALPHA;
            if (better && (w.correct() > best.correct() || w.correct() == best.correct() && w.width() > best.width() + 1e-9)) {
                best = w;
            }
        }
        return best;
    }

    /** A window is judged on each round's t, which every candidate of a shared-noise round has in common. */
    private static void requireSharedT(Traces.Trace trace, Path file) {
        double[][] t = trace.t();
        for (int r = 0; r < t[0].length; r++) {
            if (Double.isNaN(t[0][r])) {
                throw new IllegalArgumentException(file + ": recorded without the t of each round; record it again"
                        + " with the estimator study");
            }
            for (double[] candidate : t) {
                if (candidate[r] != t[0][r]) {
                    throw new IllegalArgumentException(file + ": example " + trace.id() + " round " + r
                            + " scores its candidates at different t (a naive recording); a window needs shared noise");
                }
            }
        }
    }

    private static Window judge(List<Traces.Trace> traces, double lo, double hi, boolean toTheEnd, int rounds) {
        int shortOf = 0;
        long used = 0;
        boolean[] right = new boolean[traces.size()];
        for (int i = 0; i < traces.size(); i++) {
            Traces.Trace trace = traces.get(i);
            double[][] t = trace.t();
            double[][] scores = trace.scores();
            double[] sum = new double[scores.length];
            int n = 0;
            for (int r = 0; r < t[0].length && n < rounds; r++) {
                double tr = t[0][r];
                if (tr >= lo && (tr < hi || toTheEnd)) {
                    for (int c = 0; c < scores.length; c++) {
                        sum[c] += scores[c][r];
                    }
                    n++;
                }
            }
            used += n;
            if (n < rounds) {
                shortOf++;
            }
            right[i] = n > 0 && argmin(sum) == trace.label();
        }
        return new Window(lo, hi, right, shortOf, (double) used / traces.size());
    }

    private static int argmin(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] < values[best]) {
                best = i;
            }
        }
        return best;
    }
}
