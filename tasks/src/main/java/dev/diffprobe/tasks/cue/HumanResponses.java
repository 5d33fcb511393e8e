package dev.diffprobe.tasks.cue;

import dev.diffprobe.tasks.data.DatasetFormatException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The human observers' responses of bethgelab/model-vs-human ({@code raw-data/cue-conflict/*.csv}:
 * columns subj, session, trial, rt, object_response, category, condition, imagename). The shape
 * is {@code category}; the texture comes from the stimulus name at the end of {@code imagename}
 * (e.g. {@code 0002_s5n_s01_0_bird_00_bird2-clock3.png}); "na" (no answer) is neither.
 */
public final class HumanResponses {
    private HumanResponses() {
    }

    /** Every trial of every {@code *.csv} file in {@code folder}, files in name order. */
    public static List<Decision> read(Path folder) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(f -> f.getFileName().toString().endsWith(".csv")).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new DatasetFormatException(folder + ": no response files (*.csv)");
        }
        List<Decision> decisions = new ArrayList<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        for (Path file : files) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                var parser = format.parse(reader);
                if (!parser.getHeaderNames().containsAll(List.of("object_response", "category", "imagename"))) {
                    throw new DatasetFormatException(file + ": header lacks object_response, category or imagename: "
                            + parser.getHeaderNames());
                }
                for (CSVRecord row : parser) {
                    decisions.add(decision(file, row));
                }
            }
        }
        return decisions;
    }

    private static Decision decision(Path file, CSVRecord row) throws DatasetFormatException {
        String image = row.get("imagename");
        String stimulus = image.substring(image.lastIndexOf('_') + 1);
        try {
            return new Decision(row.get("category"), CueConflict.texture(stimulus, row.get("category")),
                    row.get("object_response"));
        } catch (DatasetFormatException e) {
            throw new DatasetFormatException(file + " line " + row.getRecordNumber() + ": " + e.getMessage(), e);
        }
    }
}
