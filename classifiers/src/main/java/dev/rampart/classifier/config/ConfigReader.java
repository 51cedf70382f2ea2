package dev.rampart.classifier.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed reads from a parsed YAML mapping, collecting every problem with its path and remembering which keys failed.
 * Every classifier and scorer configuration ({@code classifiers.remote[]}, {@code .models[]}, {@code .reward[]}) is
 * read with it, so they report problems alike.
 */
public final class ConfigReader {
    private final Map<String, ?> map;
    private final String path;
    private final List<String> problems;
    private final Set<String> failed;

    public ConfigReader(Map<String, ?> map, String path) {
        this(map, path, new ArrayList<>(), new LinkedHashSet<>());
    }

    private ConfigReader(Map<String, ?> map, String path, List<String> problems, Set<String> failed) {
        this.map = map == null ? Map.of() : map;
        this.path = path;
        this.problems = problems;
        this.failed = failed;
    }

    /** Every problem so far, this reader's and its children's, each prefixed with its path. */
    public List<String> problems() {
        return problems;
    }

    /** Whether a problem was reported at {@code key} (relative to this reader) or below it. */
    public boolean failed(String key) {
        String full = path + "." + key;
        return failed.stream().anyMatch(f -> f.equals(full) || f.startsWith(full + ".") || f.startsWith(full + "["));
    }

    public boolean has(String key) {
        return map.get(key) != null;
    }

    public void problem(String key, String message) {
        failed.add(path + "." + key);
        problems.add(path + "." + key + ": " + message);
    }

    public void allow(List<String> known) {
        for (Object key : map.keySet()) {
            if (!known.contains(String.valueOf(key))) {
                problem(String.valueOf(key), "unknown key; known keys are " + known);
            }
        }
    }

    public boolean bool(String key, boolean fallback) {
        Object v = map.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        problem(key, "must be true or false, but was " + v);
        return fallback;
    }

    public Object raw(String key) {
        return map.get(key);
    }

    public String string(String key, String fallback) {
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

    /** A required URI; {@code what} describes it in the problem ("an http(s) URL"). */
    public URI uri(String key, String what) {
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
            problem(key, "must be " + what + ", but was '" + s + "'");
            return null;
        }
    }

    public int integer(String key, int fallback) {
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

    /** A list of strings, or null when absent; {@code what} describes the items in the problem ("names"). */
    public List<String> strings(String key, String what) {
        Object v = map.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof List<?> list && list.stream().allMatch(x -> x instanceof String)) {
            return list.stream().map(String.class::cast).toList();
        }
        problem(key, "must be a list of " + what + ", but was " + v);
        return null;
    }

    /** A mapping of strings to strings in the file's order, or null when absent. */
    public Map<String, String> stringMap(String key) {
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

    /**
     * A mapping of names to non-blank strings in the file's order, each bad value reported at its own key
     * ({@code valueDescription}: what a value must be), or null when absent.
     */
    public Map<String, String> labelMap(String key, String valueDescription) {
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

    /** A required file path, or null (with a problem) when absent or not a path. */
    public Path requiredPath(String key) {
        return path(key, true);
    }

    /** A file path, or null when absent (a problem if {@code required}) or not a path (a problem). */
    public Path path(String key, boolean required) {
        String s = string(key, null);
        if (s == null) {
            if (required && !failed(key)) {
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

    /** The mapping at {@code key} (empty when absent), reporting into the same problem list. */
    public ConfigReader child(String key) {
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
