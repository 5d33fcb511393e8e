package dev.diffprobe.tasks.data;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
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
        String text;
        try {
            text = Files.readString(manifest, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new DatasetFormatException(manifest + ": not UTF-8 text; save the manifest as UTF-8", e);
        }
        Lines lines = new Lines(text);
        List<LabeledImage> out = new ArrayList<>();
        try (CSVParser parser = format.parse(new StringReader(text))) {
            if (!parser.getHeaderNames().containsAll(List.of("path", "label"))) {
                throw new DatasetFormatException(manifest + ": header must name columns 'path' and 'label', found "
                        + parser.getHeaderNames());
            }
            for (CSVRecord row : parser) {
                String where = manifest + " line " + lines.of(row.getCharacterPosition());
                if (!row.isConsistent()) {
                    throw new DatasetFormatException(where + ": expected " + parser.getHeaderNames().size()
                            + " fields, found " + row.size());
                }
                String path = row.get("path");
                Path file = base.resolve(path).normalize();
                if (path.isEmpty() || Path.of(path).isAbsolute() || !file.startsWith(base)) {
                    throw new DatasetFormatException(where + ": path '" + path + "' must be relative and stay inside "
                            + base);
                }
                out.add(new LabeledImage(path, label(where, row, classes), new FileImage(file)));
            }
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            throw new DatasetFormatException(manifest + ": not a readable CSV: " + e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new DatasetFormatException(manifest + ": no images listed, only a header; a manifest has one"
                    + " line per image");
        }
        return out;
    }

    /** 1-based line numbers of character positions, as an editor shows them (a quoted cell may span lines). */
    private static final class Lines {
        private final String text;
        private int position;
        private int line = 1;

        Lines(String text) {
            this.text = text;
        }

        /** Positions come in increasing order, so the count carries on from the last one. */
        int of(long characterPosition) {
            for (; position < characterPosition && position < text.length(); position++) {
                if (text.charAt(position) == '\n') {
                    line++;
                }
            }
            return line;
        }
    }

    private static int label(String where, CSVRecord row, List<String> classes) throws DatasetFormatException {
        String label = row.get("label");
        int byName = classes.indexOf(label);
        if (byName >= 0) {
            return byName;
        }
        if (label.matches("\\d{1,9}") && Integer.parseInt(label) < classes.size()) {
            return Integer.parseInt(label);
        }
        throw new DatasetFormatException(where + ": label '" + label
                + "' is neither one of the " + classes.size() + " class names nor an index 0.." + (classes.size() - 1));
    }
}
