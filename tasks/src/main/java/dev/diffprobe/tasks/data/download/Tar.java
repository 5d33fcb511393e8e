package dev.diffprobe.tasks.data.download;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Extracts a POSIX (ustar) or GNU tar stream, regular files and folders only, which is what
 * dataset archives hold. Every entry must land inside the target folder: absolute names and
 * {@code ..} are refused, so an archive cannot write elsewhere.
 */
final class Tar {
    private static final int BLOCK = 512;

    private Tar() {
    }

    static void extract(InputStream in, Path target, String archive) throws IOException {
        byte[] header = new byte[BLOCK];
        String longName = null;
        while (true) {
            if (!readFully(in, header)) {
                throw new DownloadException(archive + ": the tar stream ends without its end blocks");
            }
            if (isZero(header)) {
                return;
            }
            if (!checksumMatches(header)) {
                throw new DownloadException(archive + ": a tar header has a wrong checksum (not a tar archive?)");
            }
            String name = longName != null ? longName : name(header);
            longName = null;
            long size = octal(header, 124, 12, archive);
            char type = (char) header[156];
            switch (type) {
                case 'L' -> longName = new String(readData(in, size, archive), StandardCharsets.UTF_8).replace("\0", "");
                case '0', '\0' -> {
                    Path file = inside(target, name, archive);
                    Files.createDirectories(file.getParent());
                    try (OutputStream out = Files.newOutputStream(file)) {
                        copy(in, out, size, archive);
                    }
                    skipPadding(in, size, archive);
                }
                case '5' -> Files.createDirectories(inside(target, name, archive));
                default -> {
                    // Links, devices and pax headers carry no dataset file: skipped.
                    skip(in, size, archive);
                    skipPadding(in, size, archive);
                }
            }
        }
    }

    private static Path inside(Path target, String name, String archive) throws DownloadException {
        Path resolved = target.resolve(name).normalize();
        if (name.startsWith("/") || !resolved.startsWith(target.normalize())) {
            throw new DownloadException(archive + ": entry '" + name + "' would land outside " + target);
        }
        return resolved;
    }

    private static String name(byte[] header) {
        String name = text(header, 0, 100);
        String prefix = text(header, 345, 155);
        boolean ustar = text(header, 257, 6).startsWith("ustar");
        return ustar && !prefix.isEmpty() ? prefix + "/" + name : name;
    }

    private static String text(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] header, int offset, int length, String archive) throws DownloadException {
        String digits = text(header, offset, length).trim();
        try {
            return digits.isEmpty() ? 0 : Long.parseLong(digits, 8);
        } catch (NumberFormatException e) {
            throw new DownloadException(archive + ": a tar header has the size '" + digits + "'");
        }
    }

    private static boolean checksumMatches(byte[] header) {
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += i >= 148 && i < 156 ? ' ' : header[i] & 0xff;
        }
        try {
            return sum == Long.parseLong(text(header, 148, 8).trim(), 8);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean readFully(InputStream in, byte[] buffer) throws IOException {
        int read = in.readNBytes(buffer, 0, buffer.length);
        return read == buffer.length;
    }

    private static byte[] readData(InputStream in, long size, String archive) throws IOException {
        byte[] data = new byte[Math.toIntExact(size)];
        if (!readFully(in, data)) {
            throw new DownloadException(archive + ": truncated tar entry");
        }
        skipPadding(in, size, archive);
        return data;
    }

    private static void copy(InputStream in, OutputStream out, long size, String archive) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long left = size;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new DownloadException(archive + ": truncated tar entry");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    private static void skipPadding(InputStream in, long size, String archive) throws IOException {
        skip(in, (BLOCK - size % BLOCK) % BLOCK, archive);
    }

    private static void skip(InputStream in, long bytes, String archive) throws IOException {
        try {
            in.skipNBytes(bytes);
        } catch (java.io.EOFException e) {
            throw new DownloadException(archive + ": truncated tar entry", e);
        }
    }
}
