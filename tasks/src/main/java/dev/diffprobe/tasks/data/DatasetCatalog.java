package dev.diffprobe.tasks.data;

import dev.diffprobe.tasks.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each dataset lives under a data root, where it comes from, and how to read it. A dataset
 * may be laid out in more than one way (e.g. CIFAR-10's binary batch, or a folder per class);
 * the first layout found under the first root that has one is read. tasks/README.md documents
 * the layouts. Nothing is downloaded: absent data is a {@link MissingDataException} naming the
 * path expected and the canonical source.
 */
public final class DatasetCatalog {
    /** The data root the tests and developers use, relative to the repository root. */
    public static final String DEFAULT_ROOT = "../shared/datasets";

    /** Reads a dataset from the folder or file a layout names. */
    @FunctionalInterface
    interface Reader {
        List<LabeledImage> read(Path location, List<String> classes) throws IOException;
    }

    /** One way of storing a dataset: a path under the data root that must exist, and its reader. */
    record Layout(String path, Reader reader) {
    }

    /** A dataset: its name (as {@link ClassPrompts}), canonical source and layouts, preferred first. */
    public record Entry(String name, String source, List<Layout> layouts) {
        /** The paths under a data root this dataset may be found at, preferred first. */
        public List<String> paths() {
            return layouts.stream().map(Layout::path).toList();
        }
    }

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

    static {
        add("CIFAR10", "https://www.cs.toronto.edu/~kriz/cifar.html",
                new Layout("cifar10/cifar-10-batches-bin/test_batch.bin", (p, c) -> CifarBatch.CIFAR10.read(p)),
                new Layout("cifar10-test/test", ImageFolder::read));
        add("CIFAR100", "https://www.cs.toronto.edu/~kriz/cifar.html",
                new Layout("cifar100/cifar-100-binary/test.bin", (p, c) -> CifarBatch.CIFAR100.read(p)));
        add("MNIST", "http://yann.lecun.com/exdb/mnist/", idx("mnist", ".gz"), idx("mnist", ""),
                idx("mnist-test", ".gz"), idx("mnist-test", ""));
        add("FashionMNIST", "https://github.com/zalandoresearch/fashion-mnist (Debian: dataset-fashion-mnist)",
                idx("fashion-mnist", ".gz"), idx("fashion-mnist", ""));
        add("STL10", "https://ai.stanford.edu/~acoates/stl10/", manifest("stl10"));
        add("DTD", "https://www.robots.ox.ac.uk/~vgg/data/dtd/", manifest("dtd"));
        add("PatchCamelyon", "https://github.com/basveeling/pcam", manifest("pcam"));
        add("SVHN", "http://ufldl.stanford.edu/housenumbers/", manifest("svhn"));
        add("EuroSAT", "https://github.com/phelber/EuroSAT", manifest("eurosat"));
        add("StanfordCars", "https://ai.stanford.edu/~jkrause/cars/car_dataset.html", manifest("stanford-cars"));
        add("ImageNet", "https://image-net.org/challenges/LSVRC/2012/", manifest("imagenet"));
        add("Caltech101", "https://data.caltech.edu/records/mzrjq-6wc02", manifest("caltech101"));
        add("OxfordPets", "https://www.robots.ox.ac.uk/~vgg/data/pets/", manifest("oxford-pets"));
        add("Food101", "https://data.vision.ee.ethz.ch/cvl/datasets_extra/food-101/", manifest("food101"));
    }

    private DatasetCatalog() {
    }

    /** The datasets the catalog knows, in the paper's Table 1 order then Fashion-MNIST. */
    public static List<String> names() {
        return List.copyOf(ENTRIES.keySet());
    }

    public static Entry entry(String name) {
        Entry entry = ENTRIES.get(name);
        if (entry == null) {
            throw new IllegalArgumentException("unknown dataset '" + name + "'; known: " + names());
        }
        return entry;
    }

    /** Every labelled test image of {@code name}, from the first root that holds it. */
    public static List<LabeledImage> read(String name, List<Path> roots) throws IOException {
        Entry entry = entry(name);
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("no data root given for " + name);
        }
        List<String> classes = ClassPrompts.of(name).classes();
        for (Path root : roots) {
            for (Layout layout : entry.layouts()) {
                Path location = root.resolve(layout.path());
                if (Files.exists(location)) {
                    return layout.reader().read(location, classes);
                }
            }
        }
        throw new MissingDataException(name, roots.get(0).resolve(entry.layouts().get(0).path()), entry.source());
    }

    /**
     * The zero-shot task of {@code name}: at most {@code n} images (balanced subsample with
     * {@code seed}), CLIP's class names, and the first {@code templates} templates (1: the paper's
     * single template; more: a template ensemble).
     */
    public static Task task(String name, List<Path> roots, int n, long seed, int templates) throws IOException {
        ClassPrompts prompts = ClassPrompts.of(name);
        List<LabeledImage> images = Subsample.balanced(read(name, roots), n, seed);
        List<String> used = prompts.templates().subList(0, Math.min(templates, prompts.templates().size()));
        return DatasetTasks.of(name, name + " test images, " + prompts.classes().size() + " classes, templates "
                + used, images, prompts.ensemble(templates));
    }

    private static void add(String name, String source, Layout... layouts) {
        ENTRIES.put(name, new Entry(name, source, List.of(layouts)));
    }

    /** The test split of an IDX dataset: {@code <folder>/t10k-{images-idx3,labels-idx1}-ubyte<suffix>}. */
    private static Layout idx(String folder, String suffix) {
        String images = folder + "/t10k-images-idx3-ubyte" + suffix;
        return new Layout(images, (p, classes) -> Idx.read(p,
                p.resolveSibling("t10k-labels-idx1-ubyte" + suffix), classes.size()));
    }

    /** Any other dataset: {@code <folder>/test.csv} with columns path,label (see {@link Manifest}). */
    private static Layout manifest(String folder) {
        return new Layout(folder + "/test.csv", Manifest::read);
    }

    /** All roots of a {@code data} setting: paths separated by the platform's path separator. */
    public static List<Path> roots(String setting) {
        List<Path> roots = new ArrayList<>();
        for (String part : setting.split(java.io.File.pathSeparator)) {
            if (!part.isBlank()) {
                roots.add(Path.of(part.trim()));
            }
        }
        return roots;
    }
}
