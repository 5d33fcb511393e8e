package dev.diffprobe.reports;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-round scores of a few examples, as a {@link dev.diffprobe.harness.classify.ScoreListener}
 * sees them, read from a CSV beside the task's journal, {@code <task>.trace.csv}, with the
 * header {@value #HEADER}: one line per kept score. The journal keeps only mean scores; this
 * file is what the score-versus-t plot needs, and it is optional: without it the plot is left
 * out.
 */
public record ScoreTrace(Map<String, List<Entry>> byExample) {

    /** The header a trace file must start with. */
    public static final String HEADER = "example_id,round,candidate,t,error,weight";
    /** The suffix that replaces a journal's {@code .csv} to name its trace. */
    public static final String SUFFIX = ".trace.csv";

    /** One kept score: its round, candidate index, noise level, unweighted error and weight w(t). */
    public record Entry(int round, int candidate, double t, double error, double weight) {
        public double weightedScore() {
            return weight * error;
        }
    }

    public static Path besideJournal(Path journal) {
        String name = journal.getFileName().toString();
        String base = name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        return journal.resolveSibling(base + SUFFIX);
    }

    public static ScoreTrace read(Path file) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        Map<String, List<Entry>> byExample = new LinkedHashMap<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(in, format)) {
            if (!String.join(",", parser.getHeaderNames()).equals(HEADER)) {
                throw new ReportException("score trace " + file + ": header " + parser.getHeaderNames()
                        + " is not " + HEADER);
            }
            for (CSVRecord record : parser) {
                byExample.computeIfAbsent(record.get(0), id -> new ArrayList<>()).add(entry(file, record));
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw new ReportException("cannot read score trace " + file + ": " + e.getMessage(), e);
        }
        return new ScoreTrace(byExample);
    }

    private static Entry entry(Path file, CSVRecord record) {
        String[] columns = HEADER.split(",");
        int column = 1;
        try {
            int round = Integer.parseInt(record.get(column));
            column = 2;
            int candidate = Integer.parseInt(record.get(column));
            column = 3;
            double t = Double.parseDouble(record.get(column));
            column = 4;
            double error = Double.parseDouble(record.get(column));
            column = 5;
            double weight = Double.parseDouble(record.get(column));
            return new Entry(round, candidate, t, error, weight);
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new ReportException("score trace " + file + ", record " + record.getRecordNumber()
                    + ", column " + columns[column] + ": not a number or missing");
        }
    }
}
