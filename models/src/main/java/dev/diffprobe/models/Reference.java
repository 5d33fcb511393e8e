package dev.diffprobe.models;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A checkpoint's reference.json: inputs and the outputs Python got from the same TorchScript
 * files at export (models/training/export.py). Read with Gson (DJL's JSON library): the
 * checkpoints' files are half a megabyte of numbers, which a YAML parser takes seconds over.
 */
final class Reference {

    static final String FILE_NAME = "reference.json";

    private final Map<?, ?> root;

    private Reference(Map<?, ?> root) {
        this.root = root;
    }

    static Reference read(Path directory) throws IOException {
        try (Reader in = Files.newBufferedReader(directory.resolve(FILE_NAME), StandardCharsets.UTF_8)) {
            Object root = new Gson().fromJson(in, Object.class);
            if (!(root instanceof Map<?, ?> map)) {
                throw new IOException(FILE_NAME + " is not a JSON object");
            }
            return new Reference(map);
        } catch (JsonParseException e) {
            throw new IOException(FILE_NAME + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    boolean has(String key) {
        return root.containsKey(key);
    }

    @SuppressWarnings("unchecked")
    List<String> prompts() {
        return (List<String>) root.get("prompts");
    }

    /** A nested array under a path of keys, flattened row-major. */
    float[] floats(String... path) {
        List<Double> values = new ArrayList<>();
        flatten(get(path), values);
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i).floatValue();
        }
        return out;
    }

    double[] doubles(String... path) {
        List<Double> values = new ArrayList<>();
        flatten(get(path), values);
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    long[] tokenIds(int prompt) {
        List<?> row = (List<?>) ((List<?>) root.get("token_ids")).get(prompt);
        return row.stream().mapToLong(v -> ((Number) v).longValue()).toArray();
    }

    /** The dimensions of the nested array under {@code path}, outermost first. */
    List<Integer> shape(String... path) {
        List<Integer> shape = new ArrayList<>();
        for (Object node = get(path); node instanceof List<?> list; node = list.isEmpty() ? null : list.get(0)) {
            shape.add(list.size());
        }
        return shape;
    }

    /** Size of the first dimension of the array under {@code path}. */
    int count(String... path) {
        return ((List<?>) get(path)).size();
    }

    private Object get(String... path) {
        Object node = root;
        for (String key : path) {
            node = ((Map<?, ?>) node).get(key);
            if (node == null) {
                throw new IllegalArgumentException("reference.json has no " + String.join(".", path));
            }
        }
        return node;
    }

    private static void flatten(Object node, List<Double> out) {
        if (node instanceof List<?> list) {
            for (Object item : list) {
                flatten(item, out);
            }
        } else {
            out.add(((Number) node).doubleValue());
        }
    }

    static float maxAbsDiff(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new AssertionError("lengths differ: " + a.length + " vs " + b.length);
        }
        float max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
