package dev.diffprobe.reports;

import dev.diffprobe.harness.classify.ScoreListener;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A {@link ScoreListener} that writes every kept score to a {@link ScoreTrace} file. Doubles are
 * written in full ({@link Double#toString}) so that the plot shows exactly what the classifier
 * kept.
 */
public final class ScoreTraceFile implements ScoreListener, AutoCloseable {

    private final Path file;
    private final BufferedWriter out;

    public ScoreTraceFile(Path file) {
        this.file = file;
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            out.write(ScoreTrace.HEADER);
            out.write('\n');
        } catch (IOException e) {
            throw new ReportException("cannot write score trace " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void scored(String exampleId, int round, int candidate, double t, double error,
                                    double weight) {
        if (exampleId.indexOf(',') >= 0 || exampleId.indexOf('"') >= 0 || exampleId.indexOf('\n') >= 0) {
            throw new ReportException("score trace " + file + ": example id '" + exampleId
                    + "' holds a comma, quote or newline, which the trace format does not quote");
        }
        try {
            out.write(exampleId + ',' + round + ',' + candidate + ',' + t + ',' + error + ',' + weight + '\n');
        } catch (IOException e) {
            throw new ReportException("cannot append to score trace " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new ReportException("cannot close score trace " + file + ": " + e.getMessage(), e);
        }
    }
}
