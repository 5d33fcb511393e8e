package dev.diffprobe.reports;

import dev.diffprobe.harness.run.JournalColumn;
import dev.diffprobe.harness.run.JournalException;
import dev.diffprobe.harness.run.JournalReader;
import dev.diffprobe.harness.run.JournalRow;
import dev.diffprobe.harness.stats.WilsonInterval;
import dev.diffprobe.reports.plot.AccuracyVsCallsChart;
import dev.diffprobe.reports.plot.ComputePoint;
import dev.diffprobe.reports.summary.AccuracyTable;
import dev.diffprobe.reports.summary.TaskResult;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Compares finished runs from their journals alone: the paper's Figure 2 (accuracy against mean
 * denoiser calls per example, one point per run, all tasks pooled) and a Table 1 style table
 * with one column per run. Each run is an output directory of one suite, named on the command
 * line, since journals record a settings hash but not the settings themselves:
 *
 * <pre>
 * RunComparison --run SERIES[:LABEL]=DIR ... --out DIR
 * </pre>
 *
 * Runs with the same SERIES are joined by a line (e.g. {@code pruned:cutoff=1e-1} and
 * {@code pruned:cutoff=2e-3}; the last '=' ends the name). Every journal in DIR counts (a CSV
 * whose first line is the journal header), except baseline journals ({@code .baseline.csv}). Chance is 1/K for K candidates, the
 * accuracy of a uniform guess.
 */
public final class RunComparison {

    /** Exit status for wrong arguments or unreadable runs. */
    static final int USAGE = 2;
    private static final String HELP = "usage: RunComparison --run SERIES[:LABEL]=DIR [--run ...] --out DIR";

    private static final String JOURNAL_HEADER = Arrays.stream(JournalColumn.values())
            .map(JournalColumn::header).collect(Collectors.joining(","));

    private RunComparison() {
    }

    record Run(String series, String label, Path dir) {
        String name() {
            return label.isEmpty() ? series : series + ": " + label;
        }
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        List<Run> runs = new ArrayList<>();
        Path outDir = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (i + 1 >= args.length || !(arg.equals("--run") || arg.equals("--out"))) {
                err.println("RunComparison: unexpected argument '" + arg + "'. " + HELP);
                return USAGE;
            }
            String value = args[++i];
            if (arg.equals("--out")) {
                outDir = Path.of(value);
                continue;
            }
            // The last '=' separates: a label may hold one ("cutoff=2e-3"), a directory should not.
            int eq = value.lastIndexOf('=');
            if (eq <= 0 || eq == value.length() - 1) {
                err.println("RunComparison: --run '" + value + "' is not SERIES[:LABEL]=DIR. " + HELP);
                return USAGE;
            }
            String name = value.substring(0, eq);
            int colon = name.indexOf(':');
            runs.add(new Run(colon < 0 ? name : name.substring(0, colon), colon < 0 ? "" : name.substring(colon + 1),
                    Path.of(value.substring(eq + 1))));
        }
        if (runs.isEmpty() || outDir == null) {
            err.println("RunComparison: need at least one --run and an --out. " + HELP);
            return USAGE;
        }
        try {
            List<Path> files = compare(runs, outDir);
            files.forEach(f -> out.println("wrote " + f));
            return 0;
        } catch (ReportException | JournalException e) {
            err.println("RunComparison: " + e.getMessage());
            return USAGE;
        }
    }

    static List<Path> compare(List<Run> runs, Path outDir) {
        List<TaskResult> results = new ArrayList<>();
        List<ComputePoint> points = new ArrayList<>();
        for (Run run : runs) {
            List<TaskResult> tasks = read(run);
            results.addAll(tasks);
            long n = tasks.stream().mapToLong(TaskResult::n).sum();
            long correct = tasks.stream().mapToLong(TaskResult::correct).sum();
            double calls = tasks.stream().mapToDouble(t -> t.callsPerExample() * t.n()).sum();
            if (n > 0 && calls > 0) {
                points.add(new ComputePoint(run.series(), run.label(), calls / n, (double) correct / n,
                        WilsonInterval.of(correct, n)));
            }
        }
        List<Path> files = new ArrayList<>();
        if (!points.isEmpty()) {
            files.add(AccuracyVsCallsChart.write(outDir.resolve("accuracy-vs-calls.png"),
                    "Accuracy vs denoiser calls per example (all tasks pooled)", points));
        }
        files.addAll(new AccuracyTable(results).write(outDir, "comparison", "DiffProbe run comparison"));
        return files;
    }

    private static List<TaskResult> read(Run run) {
        if (!Files.isDirectory(run.dir())) {
            throw new ReportException("run '" + run.name() + "': " + run.dir() + " is not a directory");
        }
        List<Path> journals;
        try (Stream<Path> files = Files.list(run.dir())) {
            journals = files.filter(RunComparison::isJournal).sorted().toList();
        } catch (IOException e) {
            throw new ReportException("run '" + run.name() + "': cannot list " + run.dir() + ": " + e.getMessage(), e);
        }
        if (journals.isEmpty()) {
            throw new ReportException("run '" + run.name() + "': no task journal (<task>.csv) in " + run.dir());
        }
        String suite = run.dir().toAbsolutePath().normalize().getFileName().toString();
        List<TaskResult> results = new ArrayList<>();
        for (Path journal : journals) {
            List<JournalRow> rows = JournalReader.read(journal).rows();
            if (rows.isEmpty()) {
                continue;
            }
            int correct = (int) rows.stream().filter(JournalRow::correct).count();
            double calls = rows.stream().mapToLong(JournalRow::calls).average().orElse(0);
            int candidates = rows.stream().mapToInt(r -> r.meanScores().length).max().orElse(0);
            results.add(new TaskResult(suite, TaskFigures.base(journal), run.name(),
                    rows.get(0).checkpointFingerprint(), "", rows.size(), correct,
                    candidates == 0 ? 0 : 1.0 / candidates, calls));
        }
        return results;
    }

    /** A journal is a CSV whose first line is the journal header; baseline journals are left out. */
    private static boolean isJournal(Path file) {
        String name = file.getFileName().toString();
        if (!Files.isRegularFile(file) || !name.endsWith(".csv") || name.endsWith(".baseline.csv")) {
            return false;
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return JOURNAL_HEADER.equals(in.readLine());
        } catch (IOException e) {
            throw new ReportException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
