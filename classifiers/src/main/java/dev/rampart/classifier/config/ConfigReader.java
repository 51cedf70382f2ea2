package dev.rampart.classifier.reward;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Typed reads from a parsed YAML mapping, collecting every problem with its path and remembering which keys failed. */
final class ConfigReader {
    private final Map<String, ?> map;
    private final String path;
    private final List<String> problems;
    private final Set<String> failed;

    ConfigReader(Map<String, ?> map, String path) {
        this(map, path, new ArrayList<>(), new LinkedHashSet<>());
    }

    private ConfigReader(Map<String, ?> map, String path, List<String> problems, Set<String> failed) {
        this.map = map == null ? Map.of() : map;
        this.path = path;
        this.problems = problems;
        this.failed = failed;
    }

    /** Every problem so far, this reader's and its children's, each prefixed with its path. */
    List<String> problems() {
        return problems;
    }

    /** Whether a problem was reported at {@code key} (relative to this reader) or below it. */
    boolean failed(String key) {
        String full = path + "." + key;
        return failed.stream().anyMatch(f -> f.equals(full) || f.startsWith(full + ".") || f.startsWith(full + "["));
    }

    boolean has(String key) {
        return map.get(key) != null;
    }

    void problem(String key, String message) {
        failed.add(path + "." + key);
        problems.add(path + "." + key + ": " + message);
    }

    void allow(List<String> known) {
        for (String key : map.keySet()) {
            if (!known.contains(key)) {
                problem(key, "unknown key; known keys are " + known);
            }
        }
    }

    Object raw(String key) {
        return map.get(key);
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

    URI uri(String key) {
        String s = string(key, null);
        if (s == null) {
            if (!failed(key)) {
                problem(key, "is required");
            }
            return null;
        }
        try {
            return new URI(s);
        } catch (URISyntaxException e) {
            problem(key, "must be an http(s) URL, but was '" + s + "'");
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

    /** A list of strings, or null when absent. */
    List<String> strings(String key) {
        Object v = map.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof List<?> list && list.stream().allMatch(x -> x instanceof String)) {
            return list.stream().map(String.class::cast).toList();
        }
        problem(key, "must be a list of names, but was " + v);
        return null;
    }

    /** A mapping of strings to strings in the file's order, or null when absent. */
    Map<String, String> stringMap(String key) {
        Object v = map.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Map<?, ?> m && m.values().stream().allMatch(x -> x instanceof String)) {
            Map<String, String> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), (String) x));
            return out;
        }
        problem(key, "must be a mapping of names to strings, but was " + v);
        return null;
    }

    /** The mapping at {@code key} (empty when absent), reporting into the same problem list. */
    ConfigReader child(String key) {
        Object v = map.get(key);
        String childPath = path + "." + key;
        if (v == null) {
            return new ConfigReader(Map.of(), childPath, problems, failed);
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> typed = new LinkedHashMap<>();
            m.forEach((k, x) -> typed.put(String.valueOf(k), x));
            return new ConfigReader(typed, childPath, problems, failed);
        }
        problem(key, "must be a mapping, but was " + v);
        return new ConfigReader(Map.of(), childPath, problems, failed);
    }
}
