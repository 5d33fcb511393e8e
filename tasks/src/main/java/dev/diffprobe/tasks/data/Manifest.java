package dev.diffprobe.tasks.data;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a CSV manifest with a header {@code path,label}: {@code path} relative to the manifest's
 * folder (absolute paths and {@code ..} escapes are refused), {@code label} a class name of
 * {@code classes} or its index. Ids are the paths.
 */
public final class Manifest {
    private Manifest() {
    }

    public static List<LabeledImage> read(Path manifest, List<String> classes) throws IOException {
        Path base = manifest.toAbsolutePath().getParent().normalize();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true).get();
        List<LabeledImage> out = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(manifest, StandardCharsets.UTF_8)) {
            var parser = format.parse(reader);
            if (!parser.getHeaderNames().containsAll(List.of("path", "label"))) {
                throw new DatasetFormatException(manifest + ": header must name columns 'path' and 'label', found "
                        + parser.getHeaderNames());
            }
            for (CSVRecord row : parser) {
                if (!row.isConsistent()) {
                    throw new DatasetFormatException(manifest + " line " + row.getRecordNumber()
                            + ": expected " + parser.getHeaderNames().size() + " fields, found " + row.size());
                }
                String path = row.get("path");
                Path file = base.resolve(path).normalize();
                if (path.isEmpty() || Path.of(path).isAbsolute() || !file.startsWith(base)) {
                    throw new DatasetFormatException(manifest + " line " + row.getRecordNumber() + ": path '" + path
                            + "' must be relative and stay inside " + base);
                }
                out.add(new LabeledImage(path, label(manifest, row, classes), new FileImage(file)));
            }
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            throw new DatasetFormatException(manifest + ": not a readable CSV: " + e.getMessage(), e);
        }
        return out;
    }

    private static int label(Path manifest, CSVRecord row, List<String> classes) throws DatasetFormatException {
        String label = row.get("label");
        int byName = classes.indexOf(label);
        if (byName >= 0) {
            return byName;
        }
        if (label.matches("\\d{1,9}") && Integer.parseInt(label) < classes.size()) {
            return Integer.parseInt(label);
        }
        throw new DatasetFormatException(manifest + " line " + row.getRecordNumber() + ": label '" + label
                + "' is neither one of the " + classes.size() + " class names nor an index 0.." + (classes.size() - 1));
    }
}
