package dev.rampart.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.constructor.StandardConstructor;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * A place in a YAML document: its path ({@code upstreams[0].retry}), its line, and typed getters that report every
 * problem into one shared {@code List<ConfigProblem>} and fall back to the caller's default instead of throwing.
 * A missing key (or one set to {@code null}) is an absent node: getters give their default, {@link #problem} reports
 * at the line of the enclosing section. The same problem reported twice (a key read twice) is kept once.
 *
 * <p>Defaults are never held here: callers pass the constants kept beside their records.
 */
public final class ConfigNode {
    private static final LoadSettings CONSTRUCT = LoadSettings.builder().setAllowDuplicateKeys(true).build();

    private final String source;
    private final List<ConfigProblem> problems;
    private final String path;
    private final Node node;
    private final int enclosingLine;

    private ConfigNode(String source, List<ConfigProblem> problems, String path, Node node, int enclosingLine) {
        this.source = source;
        this.problems = problems;
        this.path = path;
        this.node = node instanceof ScalarNode s && Tag.NULL.equals(s.getTag()) ? null : node;
        this.enclosingLine = node == null ? enclosingLine : lineOf(node);
    }

    /** The root of a document; {@code node} null for an empty one. */
    public static ConfigNode root(String source, Node node, List<ConfigProblem> problems) {
        return new ConfigNode(source, problems, "", node, 0);
    }

    // ---- where -------------------------------------------------------------------------------------------------

    public String source() {
        return source;
    }

    /** e.g. {@code upstreams[0].retry}; empty for the root. */
    public String path() {
        return path;
    }

    /** 1-based line of the value, or of the enclosing section when absent; 0 when unknown. */
    public int line() {
        return enclosingLine;
    }

    /** The list every problem of this document goes to. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    /** Whether a value is written here (not missing, not {@code null}). */
    public boolean present() {
        return node != null;
    }

    public boolean isMapping() {
        return node instanceof MappingNode;
    }

    public boolean isList() {
        return node instanceof SequenceNode;
    }

    public boolean isScalar() {
        return node instanceof ScalarNode;
    }

    /** Reports a problem at this node, with its path and line. */
    public void problem(String message) {
        add(new ConfigProblem(source, line(), path, message));
    }

    /** Reports a problem about {@code key} of this section (at the key's line when written, else at this section's). */
    public void problem(String key, String message) {
        get(key).problem(message);
    }

    /** Reports a problem found by someone else (already carrying its own path and line) into this document's list. */
    public void report(ConfigProblem problem) {
        add(problem);
    }

    // ---- navigation --------------------------------------------------------------------------------------------

    /** Whether {@code key} is written in this section with a non-null value. */
    public boolean has(String key) {
        return get(key).present();
    }

    /** The value under {@code key}: absent when missing. Reports once when this node is written but is not a mapping. */
    public ConfigNode get(String key) {
        NodeTuple t = entries().get(key);
        return new ConfigNode(source, problems, childPath(key), t == null ? null : t.getValueNode(), line());
    }

    /** The keys written in this section, in order (duplicate and non-string keys reported). */
    public Set<String> keys() {
        return entries().keySet();
    }

    /** Reports every key this section does not know, with one "did you mean" message; returns this section. */
    public ConfigNode allowOnly(Collection<String> known) {
        for (Map.Entry<String, NodeTuple> e : entries().entrySet()) {
            if (!known.contains(e.getKey())) {
                add(new ConfigProblem(source, lineOf(e.getValue().getKeyNode()), childPath(e.getKey()),
                        DidYouMean.unknownKey(e.getKey(), known)));
            }
        }
        return this;
    }

    /** The section under {@code key} with only {@code known} keys allowed (absent when missing). */
    public ConfigNode section(String key, Collection<String> known) {
        return get(key).mapping().allowOnly(known);
    }

    /** This node when it is a mapping or absent; otherwise reports and gives an absent node at the same place. */
    public ConfigNode mapping() {
        if (node == null || node instanceof MappingNode) {
            return this;
        }
        problem("must be a mapping, but was " + describe(node));
        return new ConfigNode(source, problems, path, null, line());
    }

    /** The items of a list (none when absent; reported when written but not a list). */
    public List<ConfigNode> items() {
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof SequenceNode s)) {
            problem("must be a list, but was " + describe(node));
            return List.of();
        }
        List<ConfigNode> out = new ArrayList<>();
        List<Node> values = s.getValue();
        for (int i = 0; i < values.size(); i++) {
            out.add(new ConfigNode(source, problems, path + "[" + i + "]", values.get(i), line()));
        }
        return out;
    }

    /** The items of the list under {@code key}. */
    public List<ConfigNode> list(String key) {
        return get(key).items();
    }

    // ---- values of this node: null when absent or wrong (and then reported) --------------------------------------

    /** Any scalar as text (numbers and booleans as written). */
    public String asString() {
        if (node == null) {
            return null;
        }
        if (node instanceof ScalarNode s) {
            return s.getValue();
        }
        problem("must be a string, but was " + describe(node));
        return null;
    }

    /** A number within {@code [min, max]}; a quoted value is text, not a number. */
    public Double asNumber(double min, double max) {
        if (node == null) {
            return null;
        }
        Optional<Double> parsed = numeric(node);
        if (parsed.isEmpty()) {
            problem("must be a number, but was " + describe(node));
            return null;
        }
        double v = parsed.get();
        if (!(v >= min && v <= max)) {
            problem("must be between " + format(min) + " and " + format(max) + ", but was " + format(v));
            return null;
        }
        return v;
    }

    /** A whole number within {@code [min, max]}. */
    public Long asInteger(long min, long max) {
        if (node == null) {
            return null;
        }
        Optional<Double> parsed = numeric(node);
        if (parsed.isPresent() && parsed.get() != Math.rint(parsed.get())) {
            problem("must be a whole number, but was " + format(parsed.get()));
            return null;
        }
        if (parsed.isEmpty()) {
            problem("must be a whole number, but was " + describe(node));
            return null;
        }
        Double v = asNumber(min, max);
        return v == null ? null : v.longValue();
    }

    /** {@code true} or {@code false}. */
    public Boolean asBool() {
        if (node == null) {
            return null;
        }
        if (node instanceof ScalarNode s && ("true".equals(s.getValue()) || "false".equals(s.getValue()))) {
            return Boolean.valueOf(s.getValue());
        }
        problem("must be true or false, but was " + describe(node));
        return null;
    }

    /** One of the allowed words; a typo gets a suggestion. */
    public String asOneOf(Collection<String> allowed) {
        String s = asString();
        if (s == null) {
            return null;
        }
        if (!allowed.contains(s)) {
            problem("must be one of " + String.join(", ", allowed) + ", but was '" + s + "'"
                    + DidYouMean.hint(s, allowed));
            return null;
        }
        return s;
    }

    /** A list of strings (the wrong items reported and left out). */
    public List<String> asStrings() {
        List<String> out = new ArrayList<>();
        for (ConfigNode item : items()) {
            String s = item.asString();
            if (s != null) {
                out.add(s);
            } else if (!item.present()) {
                item.problem("must be a string, but was null");
            }
        }
        return List.copyOf(out);
    }

    // ---- values under a key, with the caller's default -----------------------------------------------------------

    public String string(String key, String fallback) {
        String v = get(key).asString();
        return v == null ? fallback : v;
    }

    /** A non-blank string; "is required" when missing, "must not be blank" when blank. */
    public String requiredString(String key) {
        ConfigNode child = get(key);
        if (!child.present()) {
            child.problem("is required");
            return null;
        }
        String v = child.asString();
        if (v != null && v.isBlank()) {
            child.problem("must not be blank");
            return null;
        }
        return v;
    }

    public boolean bool(String key, boolean fallback) {
        Boolean v = get(key).asBool();
        return v == null ? fallback : v;
    }

    public long integer(String key, long fallback, long min, long max) {
        Long v = get(key).asInteger(min, max);
        return v == null ? fallback : v;
    }

    public double number(String key, double fallback, double min, double max) {
        Double v = get(key).asNumber(min, max);
        return v == null ? fallback : v;
    }

    public String oneOf(String key, String fallback, Collection<String> allowed) {
        String v = get(key).asOneOf(allowed);
        return v == null ? fallback : v;
    }

    /** The list of strings under {@code key} (empty when missing). */
    public List<String> strings(String key) {
        return get(key).asStrings();
    }

    // ---- for sections another module parses from plain Java values ---------------------------------------------

    /** This value as plain Java (maps, lists, strings, numbers, booleans); null when absent. */
    public Object plain() {
        return node == null ? null : new StandardConstructor(CONSTRUCT).constructSingleDocument(Optional.of(node));
    }

    /** This section as a plain map with string keys (empty when absent; reported when not a mapping). */
    @SuppressWarnings("unchecked")
    public Map<String, Object> plainMap() {
        ConfigNode m = mapping();
        if (!m.present()) {
            return Map.of();
        }
        m.entries();
        Map<String, Object> out = new LinkedHashMap<>();
        ((Map<Object, Object>) m.plain()).forEach((k, v) -> {
            if (k instanceof String s) {
                out.put(s, v);
            }
        });
        return out;
    }

    // ---- internals -----------------------------------------------------------------------------------------------

    private Map<String, NodeTuple> entries() {
        Map<String, NodeTuple> out = new LinkedHashMap<>();
        if (node == null) {
            return out;
        }
        if (!(node instanceof MappingNode m)) {
            problem("must be a mapping, but was " + describe(node));
            return out;
        }
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                add(new ConfigProblem(source, lineOf(t.getKeyNode()), path, "keys must be plain strings"));
                continue;
            }
            String key = k.getValue();
            if (out.containsKey(key)) {
                add(new ConfigProblem(source, lineOf(k), childPath(key), "duplicate key '" + key + "'"));
                continue;
            }
            out.put(key, t);
        }
        return out;
    }

    private void add(ConfigProblem p) {
        if (!problems.contains(p)) {
            problems.add(p);
        }
    }

    private String childPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static Optional<Double> numeric(Node node) {
        if (!(node instanceof ScalarNode s)) {
            return Optional.empty();
        }
        boolean typed = Tag.INT.equals(s.getTag()) || Tag.FLOAT.equals(s.getTag());
        if (!typed && s.getScalarStyle() != ScalarStyle.PLAIN) {
            return Optional.empty();
        }
        try {
            double v = Double.parseDouble(s.getValue().trim());
            return Double.isNaN(v) ? Optional.empty() : Optional.of(v);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static int lineOf(Node node) {
        return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }

    /** How a wrong value is quoted back: a mapping, a list, or the scalar itself (long ones cut). */
    static String describe(Node node) {
        if (node == null) {
            return "null";
        }
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        String v = ((ScalarNode) node).getValue();
        return "'" + (v.length() > 40 ? v.substring(0, 40) + "…" : v) + "'";
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }
}
