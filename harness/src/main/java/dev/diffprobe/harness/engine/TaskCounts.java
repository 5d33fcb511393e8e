package dev.diffprobe.harness.engine;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A task's correct count of n and its chance accuracy, as a suite run's {@code summary.csv}
 * records them: what thresholds are calibrated from and what error rates are simulated with.
 */
record TaskCounts(String task, int correct, int n, double chance) {
    TaskCounts {
        if (n < 1 || correct < 0 || correct > n) {
            throw new IllegalArgumentException("task " + task + ": " + correct + " correct of " + n
                    + " is not a count of examples");
        }
        if (!(chance > 0 && chance < 1)) {
            throw new IllegalArgumentException("task " + task + ": chance " + chance + " outside (0, 1)");
        }
    }

    double accuracy() {
        return (double) correct / n;
    }

    /**
     * The tasks of a suite summary, in its order. The correct count comes from the
     * {@code correct} column; a summary written before that column existed falls back to
     * accuracy times n, rounded.
     */
    static Map<String, TaskCounts> read(Path summary) throws IOException {
        Map<String, TaskCounts> tasks = new LinkedHashMap<>();
        try (Reader in = Files.newBufferedReader(summary, StandardCharsets.UTF_8)) {
            for (CSVRecord row : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                int n = Integer.parseInt(row.get("n"));
                int correct = row.isMapped("correct") ? Integer.parseInt(row.get("correct"))
                        : (int) Math.round(Double.parseDouble(row.get("accuracy")) * n);
                String task = row.get("task");
                if (tasks.put(task, new TaskCounts(task, correct, n, Double.parseDouble(row.get("chance")))) != null) {
                    throw new IllegalArgumentException("task " + task + " has two rows");
                }
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IllegalArgumentException(summary + ": not a suite summary (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            // Some causes (a directory, a permission) carry no path in their message.
            if (e.getMessage() != null && e.getMessage().contains(summary.toString())) {
                throw e;
            }
            throw new IOException(summary + ": " + e.getMessage(), e);
        }
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException(summary + ": no task rows");
        }
        return tasks;
    }
}
