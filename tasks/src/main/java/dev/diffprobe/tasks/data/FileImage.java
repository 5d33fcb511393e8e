package dev.diffprobe.tasks.data;

import dev.diffprobe.tasks.ImageSource;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** An image file, decoded and preprocessed only when loaded. */
public record FileImage(Path path) implements ImageSource {
    @Override
    public BufferedImage load(int resolution) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new UnreadableImageException("image file " + path + " does not exist or is not a file");
        }
        BufferedImage image;
        try {
            image = ImageIO.read(path.toFile());
        } catch (IOException | RuntimeException e) {
            // Decoders throw unchecked exceptions on truncated or corrupt data, not only IOException.
            throw new UnreadableImageException("cannot decode image file " + path + ": " + e, e);
        }
        if (image == null) {
            throw new UnreadableImageException("cannot decode image file " + path
                    + ": no image reader recognises its content");
        }
        return Preprocessing.square(image, resolution);
    }
}
