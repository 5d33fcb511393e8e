package dev.diffprobe.harness.shard;

import dev.diffprobe.tasks.Example;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shard {@code index} of {@code count} (0-based index). See the package documentation for the
 * partition.
 */
public record Shard(int index, int count) {
    private static final Pattern TEXT = Pattern.compile("(\\d+)/(\\d+)");
    private static final Pattern FOLDER = Pattern.compile("shard-(\\d+)-of-(\\d+)");

    public Shard {
        if (count < 1 || index < 0 || index >= count) {
            throw new ShardException("shard " + index + "/" + count + ": expected 0 <= index < count");
        }
    }

    /** Parses {@code i/n}, e.g. {@code 0/4}. */
    public static Shard parse(String text) {
        Matcher m = TEXT.matcher(text.strip());
        if (!m.matches()) {
            throw new ShardException("shard '" + text + "': expected index/count with 0 <= index < count, e.g. 0/4");
        }
        try {
            return new Shard(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        } catch (NumberFormatException e) {
            throw new ShardException("shard '" + text + "': index or count too large");
        }
    }

    /** The shard a folder named {@code shard-<i>-of-<n>} holds, if the name is one. */
    public static Optional<Shard> ofFolderName(String name) {
        Matcher m = FOLDER.matcher(name);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Shard(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The shard's folder name under the output directory. */
    public String folderName() {
        return "shard-" + index + "-of-" + count;
    }

    /** This shard's examples, in the task's order. */
    public List<Example> select(List<Example> examples) {
        Map<String, Integer> owners = owners(examples, count);
        List<Example> mine = new ArrayList<>();
        for (Example example : examples) {
            if (owners.get(example.id()) == index) {
                mine.add(example);
            }
        }
        return mine;
    }

    /** The shard index of every example, by id. */
    public static Map<String, Integer> owners(List<Example> examples, int count) {
        List<String[]> ranked = new ArrayList<>(examples.size());
        for (Example example : examples) {
            ranked.add(new String[] {sha256(example.id()), example.id()});
        }
        ranked.sort(Comparator.<String[], String>comparing(r -> r[0]).thenComparing(r -> r[1]));
        Map<String, Integer> owners = new HashMap<>();
        for (int rank = 0; rank < ranked.size(); rank++) {
            owners.put(ranked.get(rank)[1], rank % count);
        }
        return owners;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
