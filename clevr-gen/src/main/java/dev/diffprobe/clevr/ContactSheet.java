package dev.diffprobe.clevr;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Renders a 4x4 sheet of scenes, 1 to 4 objects each, to show at a glance what the renderer
 * draws. Usage: {@code ContactSheet OUT.png [CELL_PX] [SEED]} (defaults 128 and 1).
 */
public final class ContactSheet {
    private static final int SIDE = 4;

    private ContactSheet() {
    }

    /** A larger cell would make a sheet of gigabytes; the renderer's detail is spent long before. */
    private static final int MAX_CELL = 1024;

    public static void main(String[] args) {
        if (args.length < 1 || args.length > 3) {
            System.err.println("usage: ContactSheet OUT.png [CELL_PX] [SEED]");
            System.exit(2);
        }
        int cell;
        long seed;
        try {
            cell = args.length > 1 ? Integer.parseInt(args[1]) : 128;
            seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        } catch (NumberFormatException e) {
            System.err.println("ContactSheet: CELL_PX and SEED must be integers: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (cell < 1 || cell > MAX_CELL) {
            System.err.println("ContactSheet: CELL_PX must be from 1 to " + MAX_CELL + ", was " + cell);
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        // Through a stream of our own: ImageIO prints a stack trace when it cannot open the file itself.
        try (OutputStream stream = Files.newOutputStream(out)) {
            ImageIO.write(sheet(cell, seed), "png", stream);
        } catch (IOException e) {
            System.err.println("ContactSheet: cannot write " + out.toAbsolutePath() + ": " + e);
            System.exit(1);
        }
    }

    static BufferedImage sheet(int cell, long seed) {
        BufferedImage sheet = new BufferedImage(SIDE * cell, SIDE * cell, BufferedImage.TYPE_INT_RGB);
        Renderer renderer = new Renderer();
        for (int k = 0; k < SIDE * SIDE; k++) {
            Scene scene = SceneSampler.withObjects(1 + k % SIDE).sample(seed, k);
            BufferedImage image = renderer.render(scene, cell);
            sheet.getGraphics().drawImage(image, (k % SIDE) * cell, (k / SIDE) * cell, null);
        }
        return sheet;
    }
}
