package dev.rampart.classifier.onnx;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Typed reads from a parsed YAML mapping, collecting every problem with its path and remembering which keys failed. */
final class SequenceConfigReader {
    private final Map<String, ?> map;
    private final String path;
    private final List<String> problems = new ArrayList<>();
    private final Set<String> failed = new LinkedHashSet<>();

    SequenceConfigReader(Map<String, ?> map, String path) {
        this.map = map == null ? Map.of() : map;
        this.path = path;
    }

    List<String> problems() {
        return problems;
    }

    /** Whether a problem was reported at {@code key} or below it. */
    boolean failed(String key) {
        return failed.stream().anyMatch(f -> f.equals(key) || f.startsWith(key + "."));
    }

    void problem(String key, String message) {
        failed.add(key);
        problems.add(path + "." + key + ": " + message);
    }

    void allow(List<String> known) {
        for (Object key : map.keySet()) {
            if (!known.contains(String.valueOf(key))) {
                problem(String.valueOf(key), "unknown key; known keys are " + known);
            }
        }
    }

    String string(String key, String fallback) {
        Object v = map.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof String s) {
            return s;
        }
        problem(key, "must be a string, but was " + v);
        return fallback;
    }

    /** A file path, or null (with a problem) when absent or not a path. */
    Path requiredPath(String key) {
        String s = string(key, null);
        if (s == null) {
            if (!failed(key)) {
                problem(key, "is required: the path of the file");
            }
            return null;
        }
        if (s.isBlank()) {
            problem(key, "must be a file path, but was blank");
            return null;
        }
        try {
            return Path.of(s);
        } catch (InvalidPathException e) {
            problem(key, "must be a file path, but was '" + s + "'");
            return null;
        }
    }

    int integer(String key, int fallback) {
        Object v = map.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Integer || v instanceof Long) {
            long l = ((Number) v).longValue();
            if (l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
                return (int) l;
            }
        }
        problem(key, "must be an integer, but was " + v);
        return fallback;
    }

    /** A mapping of names to strings in the file's order (each bad value reported at its own key), or null when absent. */
    Map<String, String> stringMap(String key, String valueDescription) {
        Object v = map.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Map<?, ?> m)) {
            problem(key, "must be a mapping of model labels to " + valueDescription + ", but was " + v);
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, x) -> {
            String name = String.valueOf(k);
            if (x instanceof String s && !s.isBlank()) {
                out.put(name, s);
            } else {
                problem(key + "." + name, "must be " + valueDescription + ", but was " + x);
            }
        });
        return out;
    }
}
