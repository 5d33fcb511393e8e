package dev.diffprobe.reports.summary;

import dev.diffprobe.harness.run.AtomicFiles;
import dev.diffprobe.reports.ReportException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The paper's Table 1 / Table 3 layout: one row per task, one column per model (checkpoint and
 * kind, candidate and baseline), each cell the accuracy with its 95% Wilson interval and n. The
 * CSV is long (one line per task and model, full precision) so that tables of several runs can
 * be concatenated and read back; the markdown is the pivot people read, one table per suite.
 */
public final class AccuracyTable {

    static final List<String> COLUMNS = List.of("suite", "task", "series", "checkpoint", "kind", "n", "correct",
            "accuracy", "ci_low", "ci_high", "chance", "calls_per_example");
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();

    private final List<TaskResult> results;

    public AccuracyTable(List<TaskResult> results) {
        this.results = List.copyOf(results);
    }

    public List<TaskResult> results() {
        return results;
    }

    /** Writes {@code <name>.csv} and {@code <name>.md} into {@code dir}; returns both paths. */
    public List<Path> write(Path dir, String name, String title) {
        Path csv = dir.resolve(name + ".csv");
        Path md = dir.resolve(name + ".md");
        try {
            Files.createDirectories(dir);
            AtomicFiles.write(csv, out -> {
                CSVPrinter printer = new CSVPrinter(out, FORMAT);
                printer.printRecord(COLUMNS);
                for (TaskResult r : results) {
                    printer.printRecord(r.suite(), r.task(), r.series(), r.checkpoint(), r.kind(), r.n(), r.correct(),
                            r.accuracy(), r.interval().lower(), r.interval().upper(), r.chance(),
                            r.callsPerExample());
                }
                printer.flush();
            });
            AtomicFiles.writeString(md, markdown(title));
        } catch (IOException e) {
            throw new ReportException("cannot write accuracy table " + csv + ": " + e.getMessage(), e);
        }
        return List.of(csv, md);
    }

    public String markdown(String title) {
        StringBuilder text = new StringBuilder("# ").append(title).append("\n");
        Map<String, List<TaskResult>> bySuite = new LinkedHashMap<>();
        results.forEach(r -> bySuite.computeIfAbsent(r.suite(), s -> new ArrayList<>()).add(r));
        for (Map.Entry<String, List<TaskResult>> suite : bySuite.entrySet()) {
            Set<String> series = new LinkedHashSet<>();
            Map<String, Map<String, TaskResult>> rows = new LinkedHashMap<>();
            for (TaskResult r : suite.getValue()) {
                series.add(r.series());
                rows.computeIfAbsent(r.task(), t -> new LinkedHashMap<>()).put(r.series(), r);
            }
            text.append("\n## Suite ").append(suite.getKey()).append("\n\n| task | chance |");
            series.forEach(s -> text.append(' ').append(s).append(" |"));
            text.append("\n|---|---|").append("---|".repeat(series.size())).append('\n');
            for (Map.Entry<String, Map<String, TaskResult>> row : rows.entrySet()) {
                TaskResult any = row.getValue().values().iterator().next();
                text.append("| ").append(row.getKey()).append(" | ").append(fixed(any.chance())).append(" |");
                for (String s : series) {
                    TaskResult r = row.getValue().get(s);
                    text.append(' ').append(r == null ? "-" : cell(r)).append(" |");
                }
                text.append('\n');
            }
            text.append("| **mean calls / example** | |");
            for (String s : series) {
                double calls = suite.getValue().stream().filter(r -> r.series().equals(s))
                        .mapToDouble(TaskResult::callsPerExample).average().orElse(Double.NaN);
                text.append(' ').append(String.format(Locale.ROOT, "%.1f", calls)).append(" |");
            }
            text.append('\n');
        }
        text.append("\nCells: accuracy [95% Wilson interval] n. Failed examples count as wrong.\n");
        return text.toString();
    }

    private static String cell(TaskResult r) {
        return String.format(Locale.ROOT, "%.3f [%.3f, %.3f] n=%d", r.accuracy(), r.interval().lower(),
                r.interval().upper(), r.n());
    }

    private static String fixed(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    /** Reads a table written by {@link #write}; a malformed file is a {@link ReportException} naming file and line. */
    public static AccuracyTable read(Path csv) {
        List<TaskResult> results = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(in, FORMAT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            if (!parser.getHeaderNames().equals(COLUMNS)) {
                throw new ReportException("accuracy table " + csv + ": header " + parser.getHeaderNames()
                        + " is not " + COLUMNS);
            }
            for (CSVRecord record : parser) {
                results.add(row(csv, record));
            }
        } catch (IOException | IllegalStateException | java.io.UncheckedIOException e) {
            throw new ReportException("cannot read accuracy table " + csv + ": " + e.getMessage(), e);
        }
        return new AccuracyTable(results);
    }

    private static TaskResult row(Path csv, CSVRecord record) {
        String field = "";
        try {
            field = "n";
            int n = Integer.parseInt(record.get("n"));
            field = "correct";
            int correct = Integer.parseInt(record.get("correct"));
            field = "chance";
            double chance = Double.parseDouble(record.get("chance"));
            field = "calls_per_example";
            double calls = Double.parseDouble(record.get("calls_per_example"));
            return new TaskResult(record.get("suite"), record.get("task"), record.get("series"),
                    record.get("checkpoint"), record.get("kind"), n, correct, chance, calls);
        } catch (NumberFormatException e) {
            throw new ReportException("accuracy table " + csv + ", line " + (record.getRecordNumber() + 1)
                    + ", column " + field + ": '" + record.get(field) + "' is not a number");
        } catch (IllegalArgumentException e) {
            throw new ReportException("accuracy table " + csv + ", line " + (record.getRecordNumber() + 1)
                    + ": " + e.getMessage());
        }
    }

    /** The tables of several files as one, in the order given. */
    public static AccuracyTable concat(List<AccuracyTable> tables) {
        List<TaskResult> all = new ArrayList<>();
        tables.forEach(t -> all.addAll(t.results()));
        return new AccuracyTable(all);
    }
}
