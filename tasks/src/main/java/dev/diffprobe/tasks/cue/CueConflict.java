package dev.diffprobe.tasks.cue;

import dev.diffprobe.tasks.Candidate;
import dev.diffprobe.tasks.Example;
import dev.diffprobe.tasks.Task;
import dev.diffprobe.tasks.data.ClassPrompts;
import dev.diffprobe.tasks.data.DatasetFormatException;
import dev.diffprobe.tasks.data.FileImage;
import dev.diffprobe.tasks.data.MissingDataException;
import dev.diffprobe.tasks.data.Subsample;
import dev.diffprobe.tasks.data.download.Download;
import dev.diffprobe.tasks.data.download.DownloadException;
import dev.diffprobe.tasks.data.download.Downloader;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Cue-Conflict stimuli of Geirhos et al. (2019): {@code <root>/<shape>/<shape><i>-<texture><j>.png},
 * the shape class from the folder, the texture class from the file name.
 */
public final class CueConflict {
    /** The 16 classes, which are also the folder names. */
    public static final List<String> CLASSES = ClassPrompts.of("CueConflict").classes();

    /** Where the stimuli lie under a data root: one folder per shape class. */
    public static final String PATH = "cue-conflict";

    /** The canonical source of the 1280 stimuli. */
    public static final String SOURCE =
            "https://github.com/rgeirhos/texture-vs-shape (stimuli/style-transfer-preprocessed-512)";

    /**
     * Where model-vs-human's raw human responses (raw-data/cue-conflict/*.csv) may lie beside the
     * stimuli, as in ../shared/datasets; upstream's stimuli folder does not have them.
     */
    public static final String HUMAN_RESPONSES = "_meta/human-responses-model-vs-human";

    /**
     * model-vs-human's archive of the 1,280 stimuli in this layout. No SHA-256 for it could be
     * checked here, so {@link Downloader} refuses it and says how to fetch it by hand.
     */
    public static final Download DOWNLOAD = new Download(
            URI.create("https://github.com/bethgelab/model-vs-human/releases/download/v0.1/cue-conflict.tar.gz"),
            Optional.empty(), "no published SHA-256 could be checked here", "", Download.Unpack.TAR_GZ);

    /** A stimulus file name: shape, its index, texture, its index. */
    static final Pattern FILE_NAME = Pattern.compile("([a-z]+)\\d+-([a-z]+)\\d+\\.png");

    private CueConflict() {
    }

    /**
     * The Cue-Conflict task from the first data root holding {@value #PATH}, prompted with the
     * first {@code templates} of the bundled templates (ImageNet's: "a bad photo of a {}." first).
     */
    public static Task task(List<Path> roots, int templates) throws IOException {
        return task(read(roots), ClassPrompts.of("CueConflict").ensemble(templates));
    }

    /**
     * The same with at most {@code n} stimuli, a subsample balanced over the shape classes
     * ({@link Subsample#balanced}), so the same {@code n} and seed always give the same images.
     */
    public static Task task(List<Path> roots, int n, long seed, int templates) throws IOException {
        List<Stimulus> stimuli = Subsample.balanced(read(roots), s -> CLASSES.indexOf(s.shape()), n, seed);
        return task(stimuli, ClassPrompts.of("CueConflict").ensemble(templates));
    }

    /** Downloads the stimuli into the first data root (see {@link #DOWNLOAD}). */
    public static void fetch(List<Path> roots, Downloader downloader) throws DownloadException {
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("no data root given for CueConflict");
        }
        downloader.fetch("CueConflict", List.of(DOWNLOAD), roots.get(0));
    }

    /** Every stimulus under the first data root holding {@value #PATH}. */
    public static List<Stimulus> read(List<Path> roots) throws IOException {
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("no data root given for CueConflict");
        }
        for (Path root : roots) {
            if (Files.isDirectory(root.resolve(PATH))) {
                return read(root.resolve(PATH));
            }
        }
        throw new MissingDataException("CueConflict", roots.get(0).resolve(PATH), SOURCE);
    }

    /**
     * The human observers' score (shape bias 0.959 for Geirhos et al.'s ten subjects) from the
     * responses under the first data root holding {@value #PATH}; empty when they are not there.
     */
    public static Optional<CueConflictScore> humans(List<Path> roots) throws IOException {
        for (Path root : roots) {
            if (Files.isDirectory(root.resolve(PATH))) {
                Path responses = root.resolve(PATH).resolve(HUMAN_RESPONSES);
                return Files.isDirectory(responses) ? Optional.of(CueConflictScore.of(HumanResponses.read(responses)))
                        : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Every stimulus under {@code root}, folder by folder in class order, files in name order. */
    public static List<Stimulus> read(Path root) throws IOException {
        List<Stimulus> out = new ArrayList<>();
        for (String shape : CLASSES) {
            Path folder = root.resolve(shape);
            if (!Files.isDirectory(folder)) {
                throw new DatasetFormatException(root + ": Cue-Conflict class folder '" + shape + "' is missing");
            }
            List<Path> files;
            try (Stream<Path> list = Files.list(folder)) {
                files = list.filter(f -> f.getFileName().toString().endsWith(".png")).sorted().toList();
            }
            for (Path file : files) {
                out.add(stimulus(file, shape));
            }
        }
        return out;
    }

    /** The texture class named by a stimulus file name, checked against its shape class. */
    public static String texture(String fileName, String shape) throws DatasetFormatException {
        Matcher m = FILE_NAME.matcher(fileName);
        if (!m.matches()) {
            throw new DatasetFormatException("Cue-Conflict file name '" + fileName
                    + "' is not <shape><i>-<texture><j>.png");
        }
        if (!m.group(1).equals(shape)) {
            throw new DatasetFormatException("Cue-Conflict file '" + fileName + "' names shape '" + m.group(1)
                    + "' but is filed under '" + shape + "'");
        }
        if (!CLASSES.contains(m.group(2))) {
            throw new DatasetFormatException("Cue-Conflict file '" + fileName + "' names texture '" + m.group(2)
                    + "', not one of " + CLASSES);
        }
        return m.group(2);
    }

    /**
     * A 16-way task labelled with each image's shape class. Attributes: {@code class} and
     * {@code shape} (the label's class), {@code texture}, {@code conflict} ("true"/"false").
     */
    public static Task task(List<Stimulus> stimuli, List<Candidate> candidates) {
        if (candidates.size() != CLASSES.size()) {
            throw new IllegalArgumentException("Cue-Conflict needs " + CLASSES.size() + " candidates in class order, got "
                    + candidates.size());
        }
        List<Example> examples = new ArrayList<>();
        for (Stimulus s : stimuli) {
            String id = s.shape() + "/" + s.file().getFileName();
            examples.add(new Example("CueConflict/" + id, new FileImage(s.file()), candidates,
                    CLASSES.indexOf(s.shape()), Map.of("class", s.shape(), "shape", s.shape(),
                    "texture", s.texture(), "conflict", Boolean.toString(s.isConflict()))));
        }
        return new Task("CueConflict", "Geirhos et al. cue-conflict stimuli, labelled with their shape class",
                examples, 1.0 / CLASSES.size());
    }

    private static Stimulus stimulus(Path file, String shape) throws DatasetFormatException {
        return new Stimulus(file, shape, texture(file.getFileName().toString(), shape));
    }
}
