package dev.diffprobe.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Turns a checkpoint reference into a directory: an existing directory path, or the name of a
 * checkpoint embedded in the models jar under {@value #RESOURCE_ROOT}, extracted once into the
 * cache folder ({@link ModelSettings#checkpointCache()}).
 */
public final class Checkpoints {

    private static final System.Logger LOG = System.getLogger(Checkpoints.class.getName());

    /** Classpath folder of the embedded checkpoints (models/checkpoints/ in the source tree). */
    public static final String RESOURCE_ROOT = "dev/diffprobe/checkpoints/";

    private static final int SHORT_HASH = 12;

    private Checkpoints() {
    }

    /** The directory the reference names; embedded checkpoints are extracted on first use. */
    public static Path resolve(String ref, Path cache) {
        if (ref == null || ref.isBlank()) {
            throw new CheckpointException("(none)", List.of("empty checkpoint reference"));
        }
        Path path = Path.of(ref);
        if (Files.isDirectory(path)) {
            return path;
        }
        ClassLoader loader = Checkpoints.class.getClassLoader();
        boolean plainName = !ref.contains("/") && !ref.contains("\\") && !ref.startsWith(".");
        if (!plainName || loader.getResource(RESOURCE_ROOT + ref + "/" + ModelConfig.FILE_NAME) == null) {
            throw new CheckpointException(ref, List.of("no such directory, and no checkpoint of that name is embedded"
                    + " in the models jar (classpath " + RESOURCE_ROOT + ref + "/" + ModelConfig.FILE_NAME + ")"));
        }
        try {
            return extract(ref, loader, cache);
        } catch (IOException e) {
            throw new CheckpointException(ref, "cannot extract the embedded checkpoint to "
                    + cache + ": " + e.getMessage(), e);
        }
    }

    /**
     * SHA-256 over model.yaml, the tokenizer and the TorchScript files (names and bytes, in name
     * order): the same value for a directory and for the embedded copy of it.
     */
    public static String fingerprint(ModelConfig config) {
        List<String> names = new ArrayList<>();
        names.add(ModelConfig.FILE_NAME);
        names.add(config.directory().relativize(config.tokenizer()).toString());
        for (Path file : config.files().values()) {
            names.add(config.directory().relativize(file).toString());
        }
        try {
            return digest(names, name -> Files.newInputStream(config.directory().resolve(name)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hash checkpoint " + config.name(), e);
        }
    }

    /**
     * The verified copy of an embedded checkpoint in the cache. A copy whose files do not hash to
     * the embedded bytes (replaced, truncated or deleted since extraction) is moved aside and
     * extracted again, so nothing runs under the embedded name but the embedded bytes.
     */
    private static Path extract(String name, ClassLoader loader, Path cache) throws IOException {
        String folder = RESOURCE_ROOT + name + "/";
        List<String> files = embeddedFiles(loader, folder);
        String hash = digest(files, file -> open(loader, folder + file));
        Path target = cache.resolve(name + "-" + hash.substring(0, SHORT_HASH));
        if (intact(target, files, hash)) {
            return target;
        }
        Files.createDirectories(cache);
        Path staging = Files.createTempDirectory(cache, name + "-staging-");
        Path aside = null;
        try {
            for (String file : files) {
                try (InputStream in = open(loader, folder + file)) {
                    Files.copy(in, staging.resolve(file));
                }
            }
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                LOG.log(Level.WARNING, "the cached copy of embedded checkpoint {0} in {1} no longer matches the"
                        + " embedded files (changed, truncated or deleted); extracting it again", name, target);
                aside = Files.createTempDirectory(cache, name + "-damaged-");
                Files.move(target, aside.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // a concurrent process (parallel Surefire forks) may have put the same bytes there first
            if (!intact(target, files, hash)) {
                throw e;
            }
        } finally {
            deleteTree(staging);
            if (aside != null) {
                deleteTree(aside);
            }
        }
        if (!intact(target, files, hash)) {
            throw new IOException("the extracted copy in " + target + " does not match the embedded files");
        }
        return target;
    }

    /** Whether {@code target} holds exactly the embedded bytes of every file (no links followed). */
    private static boolean intact(Path target, List<String> files, String hash) {
        if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try {
            for (String file : files) {
                if (!Files.isRegularFile(target.resolve(file), LinkOption.NOFOLLOW_LINKS)) {
                    return false;
                }
            }
            return digest(files, file -> Files.newInputStream(target.resolve(file))).equals(hash);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * model.yaml, the files it names and reference.json when present; an unreadable model.yaml is
     * extracted alone, to be reported on load.
     */
    private static List<String> embeddedFiles(ClassLoader loader, String folder) throws IOException {
        TreeSet<String> names = new TreeSet<>(List.of(ModelConfig.FILE_NAME));
        if (loader.getResource(folder + Reference.FILE_NAME) != null) {
            names.add(Reference.FILE_NAME);
        }
        Object root;
        try (InputStream in = open(loader, folder + ModelConfig.FILE_NAME)) {
            root = new Load(LoadSettings.builder().build()).loadFromInputStream(in);
        } catch (YamlEngineException e) {
            return new ArrayList<>(names);
        }
        if (root instanceof Map<?, ?> yaml) {
            addEmbedded(names, loader, folder, yaml.get("tokenizer"));
            if (yaml.get("files") instanceof Map<?, ?> files) {
                for (Object file : files.values()) {
                    addEmbedded(names, loader, folder, file);
                }
            }
        }
        return new ArrayList<>(names);
    }

    private static void addEmbedded(TreeSet<String> names, ClassLoader loader, String folder, Object file) {
        if (file instanceof String name && !name.contains("..") && loader.getResource(folder + name) != null) {
            names.add(name);
        }
    }

    private interface Opener {
        InputStream open(String name) throws IOException;
    }

    private static String digest(List<String> names, Opener opener) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        byte[] buffer = new byte[1 << 16];
        for (String name : new TreeSet<>(names)) {
            sha.update(name.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            try (InputStream in = new DigestInputStream(opener.open(name), sha)) {
                while (in.read(buffer) >= 0) {
                    // DigestInputStream feeds the digest as it reads
                }
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static InputStream open(ClassLoader loader, String resource) throws IOException {
        InputStream in = loader.getResourceAsStream(resource);
        if (in == null) {
            throw new IOException("classpath resource " + resource + " vanished");
        }
        return in;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
