package dev.rampart.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Reads a YAML document as nodes that remember their line, so every problem can be reported with file, line and
 * path. Collects problems instead of throwing.
 */
final class YamlDoc {
    private final String file;
    private final List<PolicyProblem> problems;

    YamlDoc(String file, List<PolicyProblem> problems) {
        this.file = file;
        this.problems = problems;
    }

    /** Composes the document; null (and a problem) when it is not valid YAML. */
    Node compose(String yaml) {
        try {
            LoadSettings settings = LoadSettings.builder().setLabel(file).setCodePointLimit(8 * 1024 * 1024).build();
            Composer composer = new Composer(settings, new ParserImpl(settings, new StreamReader(settings, yaml)));
            Optional<Node> node = composer.getSingleNode();
            if (node.isEmpty()) {
                problem(null, "", "the policy file is empty");
                return null;
            }
            return node.get();
        } catch (YamlEngineException e) {
            String m = String.valueOf(e.getMessage()).replace('\n', ' ');
            problem(null, "", "is not valid YAML: " + m);
            return null;
        }
    }

    void problem(Node at, String path, String message) {
        int line = at == null ? 0 : at.getStartMark().map(m -> m.getLine() + 1).orElse(0);
        problems.add(new PolicyProblem(file, line, path, message));
    }

    /** The entries of a mapping in order; duplicate and unknown keys are reported. */
    Map<String, Node> mapping(Node node, String path, Set<String> known) {
        Map<String, Node> out = new LinkedHashMap<>();
        if (!(node instanceof MappingNode m)) {
            problem(node, path, "must be a mapping, but was " + describe(node));
            return out;
        }
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                problem(t.getKeyNode(), path, "keys must be plain strings");
                continue;
            }
            String key = k.getValue();
            String keyPath = path.isEmpty() ? key : path + "." + key;
            if (out.containsKey(key)) {
                problem(k, keyPath, "duplicate key '" + key + "'");
                continue;
            }
            if (known != null && !known.contains(key)) {
                problem(k, keyPath, "unknown key" + suggestion(key, known));
                continue;
            }
            out.put(key, t.getValueNode());
        }
        return out;
    }

    List<Node> sequence(Node node, String path) {
        if (node instanceof SequenceNode s) {
            return s.getValue();
        }
        problem(node, path, "must be a list, but was " + describe(node));
        return List.of();
    }

    String string(Node node, String path) {
        if (node instanceof ScalarNode s) {
            return s.getValue();
        }
        problem(node, path, "must be a string, but was " + describe(node));
        return null;
    }

    List<String> strings(Node node, String path) {
        List<String> out = new ArrayList<>();
        List<Node> items = sequence(node, path);
        for (int i = 0; i < items.size(); i++) {
            String s = string(items.get(i), path + "[" + i + "]");
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    Double number(Node node, String path, double min, double max) {
        String s = node instanceof ScalarNode sc ? sc.getValue() : null;
        if (s == null) {
            problem(node, path, "must be a number, but was " + describe(node));
            return null;
        }
        double v;
        try {
            v = Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            problem(node, path, "must be a number, but was '" + s + "'");
            return null;
        }
        if (!(v >= min && v <= max)) {
            problem(node, path, "must be between " + fmt(min) + " and " + fmt(max) + ", but was " + fmt(v));
            return null;
        }
        return v;
    }

    Integer integer(Node node, String path, int min, int max) {
        Double v = number(node, path, min, max);
        if (v == null) {
            return null;
        }
        if (v != Math.rint(v)) {
            problem(node, path, "must be a whole number, but was " + v);
            return null;
        }
        return v.intValue();
    }

    Boolean bool(Node node, String path) {
        String s = node instanceof ScalarNode sc ? sc.getValue() : null;
        if ("true".equals(s) || "false".equals(s)) {
            return Boolean.valueOf(s);
        }
        problem(node, path, "must be true or false, but was " + describe(node));
        return null;
    }

    /** One of the allowed lower-case words; a typo gets a suggestion. */
    String oneOf(Node node, String path, Collection<String> allowed) {
        String s = string(node, path);
        if (s == null) {
            return null;
        }
        if (!allowed.contains(s)) {
            problem(node, path, "must be one of " + String.join(", ", allowed) + ", but was '" + s + "'"
                    + suggestion(s, allowed));
            return null;
        }
        return s;
    }

    static String suggestion(String typo, Collection<String> known) {
        return Names.nearest(typo, known).map(s -> " (did you mean '" + s + "'?)").orElse("");
    }

    private static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (node instanceof ScalarNode s) {
            String v = s.getValue();
            return "'" + (v.length() > 40 ? v.substring(0, 40) + "…" : v) + "'";
        }
        return "nothing";
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }
}
