package dev.diffprobe.harness.engine.internal;

import org.junit.platform.commons.util.ClassLoaderUtils;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClasspathResourceSource;
import org.junit.platform.engine.support.descriptor.FilePosition;
import org.junit.platform.engine.support.descriptor.FileSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * A suite file, on the classpath (e.g. {@code probes/binding.yaml}) or on disk. Its base name is
 * the suite's name. Sources point at a line so that IDEs and reports can jump to the task.
 */
public record SuiteFile(String name, Optional<String> resource, Optional<Path> path) {

    /**
     * The largest suite file read: a suite lists tasks, so even hundreds of them take a few
     * kilobytes, and the YAML reader would spend minutes on a file of tens of megabytes.
     */
    public static final int MAX_BYTES = 1 << 20;

    /** The classpath folder that suites are scanned from. */
    public static final String FOLDER = "probes";

    public static SuiteFile classpath(String resource) {
        return new SuiteFile(baseName(resource), Optional.of(resource), Optional.empty());
    }

    public static SuiteFile file(Path path) {
        return new SuiteFile(baseName(path.getFileName().toString()), Optional.empty(),
                Optional.of(path.toAbsolutePath().normalize()));
    }

    public static boolean isSuiteName(String fileName) {
        return fileName.endsWith(".yaml") || fileName.endsWith(".yml");
    }

    /**
     * The file's text, strictly UTF-8.
     *
     * @throws Unreadable when the file is too large to be a suite, or is not UTF-8 text (with the line)
     * @throws IOException when it cannot be read at all
     */
    public String read() throws IOException {
        byte[] bytes;
        if (path.isPresent()) {
            long size = Files.size(path.get());
            if (size > MAX_BYTES) {
                throw tooLarge(size);
            }
            try (InputStream in = Files.newInputStream(path.get())) {
                bytes = in.readNBytes(MAX_BYTES + 1);
            }
        } else {
            String name = resource.orElseThrow();
            try (InputStream in = ClassLoaderUtils.getDefaultClassLoader().getResourceAsStream(name)) {
                if (in == null) {
                    throw new IOException("no classpath resource " + name);
                }
                bytes = in.readNBytes(MAX_BYTES + 1);
            }
        }
        if (bytes.length > MAX_BYTES) {
            throw tooLarge(bytes.length);
        }
        return decode(bytes);
    }

    /** A suite file that is read but cannot be a suite; {@code line} is 1-based, 0 for the whole file. */
    public static final class Unreadable extends IOException {
        private final int line;

        Unreadable(int line, String message) {
            super(message);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    private static Unreadable tooLarge(long size) {
        return new Unreadable(0, String.format(Locale.ROOT, "the file has %,d bytes; a suite file has at most %,d"
                + " (it lists tasks, it does not hold data)", size, MAX_BYTES));
    }

    /** Strict UTF-8: a byte that is not UTF-8 is an error at its line, never a replacement character in a name. */
    static String decode(byte[] bytes) throws Unreadable {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isUnderflow()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int at = in.position();
            int line = 1;
            for (int i = 0; i < at; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new Unreadable(line, String.format(Locale.ROOT, "byte 0x%02X at offset %d is not UTF-8 text;"
                    + " save the suite file as UTF-8", bytes[at] & 0xFF, at));
        }
        String text = out.flip().toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** Where the file is, as a person would look for it. */
    public String location() {
        return path.map(Path::toString).orElseGet(() -> "classpath:" + resource.orElseThrow());
    }

    public TestSource source() {
        return path.<TestSource>map(p -> FileSource.from(p.toFile()))
                .orElseGet(() -> ClasspathResourceSource.from(resource.orElseThrow()));
    }

    /** A source at a 1-based line; line 0 means the file as a whole. */
    public TestSource source(int line) {
        if (line <= 0) {
            return source();
        }
        FilePosition position = FilePosition.from(line);
        return path.<TestSource>map(p -> FileSource.from(p.toFile(), position))
                .orElseGet(() -> ClasspathResourceSource.from(resource.orElseThrow(), position));
    }

    private static String baseName(String fileName) {
        String last = fileName.substring(fileName.lastIndexOf('/') + 1);
        int dot = last.lastIndexOf('.');
        return dot > 0 ? last.substring(0, dot) : last;
    }
}
