package dev.diffprobe.tasks.data;

import dev.diffprobe.tasks.Task;
import dev.diffprobe.tasks.data.download.Download;
import dev.diffprobe.tasks.data.download.DownloadException;
import dev.diffprobe.tasks.data.download.Downloader;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where each dataset lives under a data root, where it comes from, and how to read it. A dataset
 * may be laid out in more than one way (e.g. CIFAR-10's binary batch, or a folder per class);
 * the first layout found under the first root that has one is read. tasks/README.md documents
 * the layouts. Absent data is a {@link MissingDataException} naming the path expected and the
 * canonical source; where the catalog knows files to fetch with a pinned SHA-256, {@link #fetch}
 * downloads them (only when a user asks, with {@code -Ddownload=true}).
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

    /**
     * A dataset: its name (as {@link ClassPrompts}), canonical source and layouts, preferred first,
     * and the files that fetch it into its first layout (none where it cannot be fetched as is).
     */
    public record Entry(String name, String source, List<Layout> layouts, List<Download> downloads) {
        /** The paths under a data root this dataset may be found at, preferred first. */
        public List<String> paths() {
            return layouts.stream().map(Layout::path).toList();
        }
    }

    /** Where tensorflow/datasets fetches MNIST (yann.lecun.com often refuses scripted downloads). */
    private static final String MNIST_MIRROR = "https://storage.googleapis.com/cvdf-datasets/mnist/";
    /** Zalando's own address for Fashion-MNIST, as in its README. */
    private static final String FASHION_MIRROR = "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/";

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

    static {
        add("CIFAR10", "https://www.cs.toronto.edu/~kriz/cifar.html", List.of(
                new Layout("cifar10/cifar-10-batches-bin/test_batch.bin", (p, c) -> CifarBatch.CIFAR10.read(p)),
                new Layout("cifar10-test/test", ImageFolder::read)),
                tarGz("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz",
                        "c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd", "cifar10", "cifar10"));
        add("CIFAR100", "https://www.cs.toronto.edu/~kriz/cifar.html", List.of(
                new Layout("cifar100/cifar-100-binary/test.bin", (p, c) -> CifarBatch.CIFAR100.read(p))),
                tarGz("https://www.cs.toronto.edu/~kriz/cifar-100-binary.tar.gz",
                        "58a81ae192c23a4be8b1804d68e518ed807d710a4eb253b1f2a199162a40d8ec", "cifar100", "cifar100"));
        add("MNIST", "http://yann.lecun.com/exdb/mnist/", List.of(idx("mnist", ".gz"), idx("mnist", ""),
                idx("mnist-test", ".gz"), idx("mnist-test", "")),
                file(MNIST_MIRROR + "t10k-images-idx3-ubyte.gz",
                        "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6", "mnist", "mnist"),
                file(MNIST_MIRROR + "t10k-labels-idx1-ubyte.gz",
                        "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6", "mnist", "mnist"));
        add("FashionMNIST", "https://github.com/zalandoresearch/fashion-mnist (Debian: dataset-fashion-mnist)",
                List.of(idx("fashion-mnist", ".gz"), idx("fashion-mnist", "")),
                file(FASHION_MIRROR + "t10k-images-idx3-ubyte.gz",
                        "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073", "fashion_mnist",
                        "fashion-mnist"),
                file(FASHION_MIRROR + "t10k-labels-idx1-ubyte.gz",
                        "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5", "fashion_mnist",
                        "fashion-mnist"));
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
        add(name, source, List.of(layouts));
    }

    private static void add(String name, String source, List<Layout> layouts, Download... downloads) {
        ENTRIES.put(name, new Entry(name, source, layouts, List.of(downloads)));
    }

    /**
     * The checksums are those tensorflow/datasets pins in tensorflow_datasets/url_checksums/
     * {@code <file>}.txt for the same addresses; they could not be checked against the files here
     * (no network, and the copies at hand are re-compressed).
     */
    private static String pinnedBy(String tfdsFile) {
        return "SHA-256 as pinned by tensorflow/datasets, tensorflow_datasets/url_checksums/" + tfdsFile
                + ".txt; not checked against the file here";
    }

    private static Download tarGz(String uri, String sha256, String tfdsFile, String into) {
        return new Download(URI.create(uri), Optional.of(sha256), pinnedBy(tfdsFile), into, Download.Unpack.TAR_GZ);
    }

    private static Download file(String uri, String sha256, String tfdsFile, String into) {
        return new Download(URI.create(uri), Optional.of(sha256), pinnedBy(tfdsFile), into, Download.Unpack.FILE);
    }

    /**
     * Downloads {@code name} into the first data root with {@code downloader}, after which
     * {@link #read} finds it there.
     *
     * @throws DownloadException when the catalog knows no download for it, or fetching fails
     */
    public static void fetch(String name, List<Path> roots, Downloader downloader) throws DownloadException {
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("no data root given for " + name);
        }
        downloader.fetch(name, entry(name).downloads(), roots.get(0));
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
