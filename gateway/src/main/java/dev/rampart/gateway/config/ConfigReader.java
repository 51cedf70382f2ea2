package dev.rampart.gateway.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a YAML tree (maps, lists, scalars) into typed values, collecting every problem with its path instead of
 * stopping at the first. Missing keys take the default given by the caller: defaults live in {@link Defaults}.
 */
final class ConfigReader {
    private final List<String> problems;
    private final String path;
    private final Map<String, Object> map;

    private ConfigReader(List<String> problems, String path, Map<String, Object> map) {
        this.problems = problems;
        this.path = path;
        this.map = map;
    }

    static ConfigReader root(Object tree, List<String> problems) {
        if (tree == null) {
            return new ConfigReader(problems, "", Map.of());
        }
        if (!(tree instanceof Map<?, ?> m)) {
            problems.add("(root): must be a mapping, but was " + describe(tree));
            return new ConfigReader(problems, "", Map.of());
        }
        return new ConfigReader(problems, "", stringKeys(m, "", problems));
    }

    /** Where problems are collected. */
    List<String> problems() {
        return problems;
    }

    /** Problems reported by another module's validation, one per line, each already carrying its path. */
    void problemLines(String lines) {
        problems.addAll(List.of(lines.split("\n")));
    }

    String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    void problem(String key, String message) {
        problems.add(path(key) + ": " + message);
    }

    /** Reports keys this section does not know, suggesting the nearest known one. */
    void allowOnly(Set<String> known) {
        for (String key : map.keySet()) {
            if (!known.contains(key)) {
                String hint = Suggest.nearest(key, known).map(s -> " (did you mean '" + s + "'?)").orElse("");
                problems.add(path(key) + ": unknown key" + hint);
            }
        }
    }

    Map<String, Object> rawSelf() {
        return map;
    }

    boolean has(String key) {
        return map.containsKey(key) && map.get(key) != null;
    }

    ConfigReader section(String key) {
        Object value = map.get(key);
        if (value == null) {
            return new ConfigReader(problems, path(key), Map.of());
        }
        if (value instanceof Map<?, ?> m) {
            return new ConfigReader(problems, path(key), stringKeys(m, path(key), problems));
        }
        problem(key, "must be a mapping, but was " + describe(value));
        return new ConfigReader(problems, path(key), Map.of());
    }

    List<ConfigReader> sections(String key) {
        Object value = map.get(key);
        List<ConfigReader> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        if (!(value instanceof List<?> list)) {
            problem(key, "must be a list, but was " + describe(value));
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            String p = path(key) + "[" + i + "]";
            if (list.get(i) instanceof Map<?, ?> m) {
                out.add(new ConfigReader(problems, p, stringKeys(m, p, problems)));
            } else {
                problems.add(p + ": must be a mapping, but was " + describe(list.get(i)));
            }
        }
        return out;
    }

    /** The raw sub-tree, for sections owned by another module (which validates it itself). */
    Map<String, Object> raw(String key) {
        Object value = map.get(key);
        if (value == null) {
            return Map.of();
        }
        if (value instanceof Map<?, ?> m) {
            return stringKeys(m, path(key), problems);
        }
        problem(key, "must be a mapping, but was " + describe(value));
        return Map.of();
    }

    String string(String key, String fallback) {
        Object value = map.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        problem(key, "must be a string, but was " + describe(value));
        return fallback;
    }

    String requiredString(String key) {
        String value = string(key, null);
        if (value == null || value.isBlank()) {
            if (!map.containsKey(key)) {
                problem(key, "is required");
            } else if (value != null) {
                problem(key, "must not be blank");
            }
            return null;
        }
        return value;
    }

    boolean bool(String key, boolean fallback) {
        Object value = map.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        problem(key, "must be true or false, but was " + describe(value));
        return fallback;
    }

    long integer(String key, long fallback, long min, long max) {
        Object value = map.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Number n) || value instanceof Double || value instanceof Float) {
            problem(key, "must be an integer, but was " + describe(value));
            return fallback;
        }
        long v = n.longValue();
        if (v < min || v > max) {
            problem(key, "must be between " + min + " and " + max + ", but was " + v);
            return fallback;
        }
        return v;
    }

    double number(String key, double fallback, double min, double max) {
        Object value = map.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Number n)) {
            problem(key, "must be a number, but was " + describe(value));
            return fallback;
        }
        double v = n.doubleValue();
        if (!(v >= min && v <= max)) {
            problem(key, "must be between " + min + " and " + max + ", but was " + v);
            return fallback;
        }
        return v;
    }

    List<String> strings(String key) {
        Object value = map.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            problem(key, "must be a list of strings, but was " + describe(value));
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) instanceof String s && !s.isBlank()) {
                out.add(s);
            } else {
                problems.add(path(key) + "[" + i + "]: must be a non-blank string, but was " + describe(list.get(i)));
            }
        }
        return List.copyOf(out);
    }

    private static Map<String, Object> stringKeys(Map<?, ?> m, String path, List<String> problems) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (var e : m.entrySet()) {
            if (e.getKey() instanceof String k) {
                out.put(k, e.getValue());
            } else {
                problems.add((path.isEmpty() ? "" : path + ".") + e.getKey() + ": keys must be strings");
            }
        }
        return out;
    }

    static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Map) {
            return "a mapping";
        }
        if (value instanceof List) {
            return "a list";
        }
        if (value instanceof String s) {
            return "'" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "'";
        }
        return String.valueOf(value);
    }
}
