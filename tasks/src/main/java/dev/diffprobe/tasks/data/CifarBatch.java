package dev.diffprobe.tasks.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CIFAR binary batches: per image, the label byte(s) then 3072 bytes (1024 red, 1024
 * green, 1024 blue, rows of 32). CIFAR-10 has one label byte; CIFAR-100 two (coarse, fine) and
 * its 100 classes are the fine labels.
 */
public enum CifarBatch {
    CIFAR10(1, 10),
    CIFAR100(2, 100);

    private static final int SIDE = 32;
    private static final int PIXELS = 3 * SIDE * SIDE;

    private final int labelBytes;
    private final int classes;

    CifarBatch(int labelBytes, int classes) {
        this.labelBytes = labelBytes;
        this.classes = classes;
    }

    /** The images of one batch file; ids are {@code <file name>#<index>}. */
    public List<LabeledImage> read(Path batch) throws IOException {
        byte[] data = Idx.content(batch);
        int record = labelBytes + PIXELS;
        if (data.length == 0 || data.length % record != 0) {
            throw new DatasetFormatException(batch + ": " + data.length + " bytes is not a whole number of "
                    + name() + " records of " + record + " bytes");
        }
        String name = batch.getFileName().toString();
        List<LabeledImage> out = new ArrayList<>();
        for (int i = 0; i < data.length / record; i++) {
            int at = i * record;
            int label = data[at + labelBytes - 1] & 0xff;
            if (label >= classes) {
                throw new DatasetFormatException(batch + ": record " + i + " has label " + label
                        + ", outside 0.." + (classes - 1));
            }
            out.add(new LabeledImage(name + "#" + i, label, new PixelImage(data, at + labelBytes, SIDE, SIDE, 3)));
        }
        return out;
    }
}
