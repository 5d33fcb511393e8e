package dev.diffprobe.clevr;

import java.util.List;
import java.util.Locale;

/**
 * Writes the JSON lines of {@code scenes.jsonl} and {@code captions.jsonl} by hand: the format
 * is small and fixed, and its numbers are printed with a fixed precision so that the files are
 * byte-identical across runs and thread counts.
 */
final class SceneJson {
    private SceneJson() {
    }

    /**
     * One scene: index, seed, image path, and per object shape, colour, size, material, world
     * position x/y/z, rotation (degrees), bbox [minX, minY, maxX, maxY] in pixels of the
     * {@code size}-px image (max exclusive), and position "left"/"right" (null in one-object
     * scenes, where it means nothing).
     */
    static String scene(Scene scene, String image, int size) {
        StringBuilder json = new StringBuilder(256);
        json.append("{\"index\":").append(scene.index())
                .append(",\"seed\":").append(scene.seed())
                .append(",\"image\":").append(string(image))
                .append(",\"objects\":[");
        List<SceneObject> objects = scene.objects();
        for (int k = 0; k < objects.size(); k++) {
            SceneObject o = objects.get(k);
            ScreenBox box = o.box().scaledTo(size);
            json.append(k == 0 ? "" : ",")
                    .append("{\"shape\":").append(string(o.shape().word()))
                    .append(",\"color\":").append(string(o.color().word()))
                    .append(",\"size\":").append(string(o.size().word()))
                    .append(",\"material\":").append(string(o.material().word()))
                    .append(",\"x\":").append(number(o.x()))
                    .append(",\"y\":").append(number(o.y()))
                    .append(",\"z\":").append(number(o.z()))
                    .append(",\"rotation\":").append(number(o.rotationDegrees()))
                    .append(",\"bbox\":[").append(box.minX()).append(',').append(box.minY()).append(',')
                    .append(box.maxX()).append(',').append(box.maxY()).append(']')
                    .append(",\"position\":")
                    .append(objects.size() < 2 ? "null" : string(scene.positionOf(o).word()))
                    .append('}');
        }
        return json.append("]}").toString();
    }

    static String captions(long index, List<String> captions) {
        StringBuilder json = new StringBuilder(64 * captions.size() + 32);
        json.append("{\"index\":").append(index).append(",\"captions\":[");
        for (int k = 0; k < captions.size(); k++) {
            json.append(k == 0 ? "" : ",").append(string(captions.get(k)));
        }
        return json.append("]}").toString();
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.5f", value);
    }

    static String string(String text) {
        StringBuilder json = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }
}
