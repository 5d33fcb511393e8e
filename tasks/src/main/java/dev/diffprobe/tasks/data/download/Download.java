package dev.diffprobe.tasks.data.download;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One file a dataset is fetched from, and where its contents go under a data root.
 *
 * @param uri the canonical address
 * @param sha256 the pinned SHA-256 of the file (lower-case hex); empty when no checkable source
 *     for it was at hand, and then the file is never fetched: it would be unpacked unverified
 * @param checksumSource where {@code sha256} comes from, or why there is none (the catalog says)
 * @param into the folder under the data root the file is unpacked (or put) into
 * @param unpack how: a gzipped tar's entries go under {@code into}; a file stays as fetched
 */
public record Download(URI uri, Optional<String> sha256, String checksumSource, String into, Unpack unpack) {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    /** What to do with the fetched file. */
    public enum Unpack {
        /** A .tar.gz: its entries, paths kept, under {@code into}. */
        TAR_GZ,
        /** The file itself, under its own name, in {@code into} (e.g. gzipped IDX, read as is). */
        FILE
    }

    public Download {
        sha256.filter(h -> !HEX64.matcher(h).matches()).ifPresent(h -> {
            throw new IllegalArgumentException("SHA-256 '" + h + "' of " + uri + " is not 64 lower-case hex digits");
        });
        if (into.startsWith("/") || into.contains("..")) {
            throw new IllegalArgumentException("download target '" + into + "' must stay under the data root");
        }
    }

    /** The file name the address ends in. */
    public String fileName() {
        String path = uri.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
