package dev.diffprobe.models;

import java.util.List;
import java.util.Map;

/**
 * Reads typed fields out of one YAML mapping, noting every problem instead of stopping at the
 * first, so that one error can name them all.
 */
final class YamlFields {

    private final Map<?, ?> map;
    private final String prefix;
    private final List<String> problems;

    YamlFields(Map<?, ?> map, String prefix, List<String> problems) {
        this.map = map;
        this.prefix = prefix;
        this.problems = problems;
    }

    /** The keys of this mapping, in file order. */
    java.util.Set<?> keys() {
        return map.keySet();
    }

    boolean has(String key) {
        return map.get(key) != null;
    }

    String string(String key) {
        return string(key, "a string", "a non-empty string");
    }

    /** A non-blank string, or null after noting the problem in the words the caller expects. */
    String string(String key, String whenMissing, String whenInvalid) {
        Object value = map.get(key);
        if (value == null) {
            missing(key, whenMissing);
            return null;
        }
        if (!(value instanceof String text) || text.isBlank()) {
            invalid(key, value, whenInvalid);
            return null;
        }
        return text;
    }

    /** A positive integer, or 0 after noting the problem. */
    int positiveInt(String key) {
        Object value = map.get(key);
        if (value == null) {
            missing(key, "a positive integer");
            return 0;
        }
        if (!(value instanceof Integer number) || number <= 0) {
            invalid(key, value, "a positive integer");
            return 0;
        }
        return number;
    }

    /** A finite number, or NaN after noting the problem. */
    double number(String key) {
        Object value = map.get(key);
        if (value == null) {
            missing(key, "a number");
            return Double.NaN;
        }
        if (!(value instanceof Number number) || !Double.isFinite(number.doubleValue())) {
            invalid(key, value, "a number");
            return Double.NaN;
        }
        return number.doubleValue();
    }

    /** An optional list: empty when absent or null, and after noting a value that is not a list. */
    List<?> list(String key) {
        Object value = map.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> items)) {
            invalid(key, value, "a list");
            return List.of();
        }
        return items;
    }

    /** A nested mapping, or null after noting the problem. */
    YamlFields mapping(String key) {
        Object value = map.get(key);
        if (value == null) {
            missing(key, "a mapping");
            return null;
        }
        if (!(value instanceof Map<?, ?> nested)) {
            invalid(key, value, "a mapping");
            return null;
        }
        return new YamlFields(nested, prefix + key + ".", problems);
    }

    void invalid(String key, Object value, String expected) {
        problems.add("model.yaml field '" + prefix + key + "' is '" + value + "', expected " + expected);
    }

    void unknown(Object key, List<String> known) {
        problems.add("model.yaml field '" + prefix + key + "' is not a known key (known: " + String.join(", ", known) + ")");
    }

    private void missing(String key, String expected) {
        problems.add("model.yaml field '" + prefix + key + "' is missing (" + expected + ")");
    }
}
