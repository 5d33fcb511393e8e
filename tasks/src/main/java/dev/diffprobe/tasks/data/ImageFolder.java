package dev.diffprobe.tasks.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Reads a folder per class: {@code <root>/<class folder>/<image file>}. Class {@code i} is the
 * folder named {@code folders.get(i)}; every one must exist. Files are taken in name order,
 * hidden files and files without an image extension skipped; ids are {@code <folder>/<file>}.
 */
public final class ImageFolder {
    /** The file name endings read as images (case-insensitive). */
    public static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg", ".bmp", ".gif");

    private ImageFolder() {
    }

    public static List<LabeledImage> read(Path root, List<String> folders) throws IOException {
        List<LabeledImage> out = new ArrayList<>();
        for (int label = 0; label < folders.size(); label++) {
            Path folder = root.resolve(folders.get(label));
            if (!Files.isDirectory(folder)) {
                throw new DatasetFormatException(root + ": class folder '" + folders.get(label) + "' (class "
                        + label + ") is missing");
            }
            for (Path file : images(folder)) {
                out.add(new LabeledImage(folders.get(label) + "/" + file.getFileName(), label, new FileImage(file)));
            }
        }
        return out;
    }

    private static List<Path> images(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .filter(f -> EXTENSIONS.stream().anyMatch(
                            e -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(e)))
                    .sorted()
                    .toList();
        }
    }
}
