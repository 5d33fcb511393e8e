package dev.diffprobe.tasks.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads IDX files (MNIST, Fashion-MNIST): unsigned-byte images (magic 0x00000803) and labels
 * (0x00000801), gzipped or not (detected from the content, not the name).
 */
public final class Idx {
    private static final int UNSIGNED_BYTE = 0x08;

    private Idx() {
    }

    /** Images and labels of one split; ids are {@code <images file name>#<index>}. */
    public static List<LabeledImage> read(Path images, Path labels, int classes) throws IOException {
        ByteBuffer pixels = ByteBuffer.wrap(content(images));
        ByteBuffer tags = ByteBuffer.wrap(content(labels));
        int[] imageDims = header(images, pixels, 3);
        int[] labelDims = header(labels, tags, 1);
        int count = imageDims[0];
        if (labelDims[0] != count) {
            throw new DatasetFormatException(labels + ": " + labelDims[0] + " labels for " + count
                    + " images in " + images);
        }
        int height = imageDims[1];
        int width = imageDims[2];
        long needed = pixels.position() + (long) count * height * width;
        if (pixels.limit() < needed) {
            throw new DatasetFormatException(images + ": header promises " + count + " images of " + height
                    + "x" + width + " (" + needed + " bytes) but the data has " + pixels.limit());
        }
        if (tags.limit() < tags.position() + count) {
            throw new DatasetFormatException(labels + ": header promises " + count + " labels but the data has "
                    + (tags.limit() - tags.position()));
        }
        String name = images.getFileName().toString();
        List<LabeledImage> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int label = tags.get(tags.position() + i) & 0xff;
            if (label >= classes) {
                throw new DatasetFormatException(labels + ": label " + label + " of item " + i
                        + " is outside 0.." + (classes - 1));
            }
            out.add(new LabeledImage(name + "#" + i, label,
                    new PixelImage(pixels.array(), pixels.position() + i * height * width, width, height, 1)));
        }
        return out;
    }

    private static int[] header(Path file, ByteBuffer data, int dimensions) throws DatasetFormatException {
        if (data.remaining() < 4 + 4 * dimensions) {
            throw new DatasetFormatException(file + ": too short for an IDX header (" + data.remaining() + " bytes)");
        }
        int magic = data.getInt();
        int expected = (UNSIGNED_BYTE << 8) | dimensions;
        if (magic != expected) {
            throw new DatasetFormatException(String.format("%s: IDX magic is 0x%08x, expected 0x%08x"
                    + " (unsigned bytes, %d dimensions)", file, magic, expected, dimensions));
        }
        int[] dims = new int[dimensions];
        for (int d = 0; d < dimensions; d++) {
            dims[d] = data.getInt();
            if (dims[d] <= 0) {
                throw new DatasetFormatException(file + ": IDX dimension " + d + " is " + dims[d]);
            }
        }
        return dims;
    }

    /** The file's bytes, gunzipped when they start with the gzip magic. */
    static byte[] content(Path file) throws IOException {
        byte[] raw;
        try {
            raw = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DatasetFormatException(file + ": no such file", e);
        }
        if (raw.length >= 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new DatasetFormatException(file + ": corrupt gzip data: " + e.getMessage(), e);
            }
        }
        return raw;
    }
}
