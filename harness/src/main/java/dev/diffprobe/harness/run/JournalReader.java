package dev.diffprobe.harness.run;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads a task journal. Every record is one physical line ending in a newline (the writer keeps
 * newlines out of cells), so bytes after the last newline can only be a line torn by a kill
 * mid-write: they are dropped and reported in {@link Contents#tornBytes()}. Anything else that
 * does not parse is corruption and a {@link JournalException} naming the line.
 */
public final class JournalReader {
    static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();

    private JournalReader() {
    }

    /**
     * The rows of a journal file. {@code validLength} is the byte length of the complete lines,
     * where a resumed run continues writing; {@code tornBytes} the length of the dropped tail.
     */
    public record Contents(List<JournalRow> rows, long validLength, long tornBytes) {
        public Contents {
            rows = List.copyOf(rows);
        }
    }

    public static Contents read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new JournalException(file, "cannot read: " + e.getMessage(), e);
        }
        return read(file, bytes);
    }

    /** Reads journal bytes not yet in a file; {@code file} names them in errors. */
    static Contents read(Path file, byte[] bytes) {
        int valid = bytes.length;
        while (valid > 0 && bytes[valid - 1] != '\n') {
            valid--;
        }
        String text = new String(bytes, 0, valid, StandardCharsets.UTF_8);
        List<JournalRow> rows = new ArrayList<>();
        if (!text.isEmpty()) {
            parse(file, text, rows);
        }
        return new Contents(rows, valid, bytes.length - valid);
    }

    private static void parse(Path file, String text, List<JournalRow> rows) {
        try (CSVParser parser = CSVParser.parse(new StringReader(text), FORMAT)) {
            boolean header = true;
            for (CSVRecord record : parser) {
                long line = record.getRecordNumber();
                if (header) {
                    checkHeader(file, record);
                    header = false;
                } else {
                    rows.add(row(file, record, line));
                }
            }
        } catch (IOException | IllegalStateException | java.io.UncheckedIOException e) {
            throw new JournalException(file, "not a readable CSV journal: " + e.getMessage(), e);
        }
    }

    private static void checkHeader(Path file, CSVRecord record) {
        String[] expected = JournalColumn.headers();
        if (!Arrays.equals(record.values(), expected)) {
            throw new JournalException(file, "line 1: header " + Arrays.toString(record.values())
                    + " is not a journal header " + Arrays.toString(expected));
        }
    }

    private static JournalRow row(Path file, CSVRecord record, long line) {
        if (record.size() != JournalColumn.values().length) {
            throw new JournalException(file, "line " + line + ": " + record.size()
                    + " cells, expected " + JournalColumn.values().length);
        }
        Cells cells = new Cells(file, record, line);
        String error = cells.text(JournalColumn.ERROR);
        return new JournalRow(cells.text(JournalColumn.EXAMPLE_ID), cells.integer(JournalColumn.LABEL),
                cells.text(JournalColumn.LABEL_NAME), cells.integer(JournalColumn.PREDICTED),
                cells.text(JournalColumn.PREDICTED_NAME), cells.bool(JournalColumn.CORRECT),
                cells.longValue(JournalColumn.CALLS), cells.doubles(JournalColumn.MEAN_SCORES),
                cells.integers(JournalColumn.SCORE_COUNTS), cells.integers(JournalColumn.DROPPED_AT_ROUND),
                cells.doubles(JournalColumn.SOFTMAX), error.isEmpty() ? Optional.empty() : Optional.of(error),
                cells.longValue(JournalColumn.SEED), cells.text(JournalColumn.CHECKPOINT_FINGERPRINT),
                cells.text(JournalColumn.SETTINGS_HASH), cells.text(JournalColumn.EXAMPLE_DIGEST), line);
    }

    /** Typed access to one record's cells; a bad cell becomes an error naming line and column. */
    private record Cells(Path file, CSVRecord record, long line) {
        String text(JournalColumn column) {
            return record.get(column.ordinal());
        }

        int integer(JournalColumn column) {
            try {
                return Integer.parseInt(text(column));
            } catch (NumberFormatException e) {
                throw bad(column, "an integer");
            }
        }

        long longValue(JournalColumn column) {
            try {
                return Long.parseLong(text(column));
            } catch (NumberFormatException e) {
                throw bad(column, "an integer");
            }
        }

        boolean bool(JournalColumn column) {
            String value = text(column);
            if (!value.equals("true") && !value.equals("false")) {
                throw bad(column, "true or false");
            }
            return Boolean.parseBoolean(value);
        }

        double[] doubles(JournalColumn column) {
            String value = text(column);
            if (value.isEmpty()) {
                return new double[0];
            }
            try {
                return Arrays.stream(value.split(" ")).mapToDouble(Double::parseDouble).toArray();
            } catch (NumberFormatException e) {
                throw bad(column, "space-separated numbers");
            }
        }

        int[] integers(JournalColumn column) {
            String value = text(column);
            if (value.isEmpty()) {
                return new int[0];
            }
            try {
                return Arrays.stream(value.split(" ")).mapToInt(Integer::parseInt).toArray();
            } catch (NumberFormatException e) {
                throw bad(column, "space-separated integers");
            }
        }

        private JournalException bad(JournalColumn column, String expected) {
            return new JournalException(file, "line " + line + ", column " + column.header()
                    + ": '" + text(column) + "' is not " + expected);
        }
    }
}
