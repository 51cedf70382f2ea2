package dev.rampart.policy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.PatternSyntaxException;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Loads policy packs: YAML → every problem with file, line and path, or a compiled {@link Policy}. Resolves
 * {@code extends} (a path relative to the extending file, or {@code builtin:default}). Never throws for user errors.
 */
public final class PolicyLoader {
    public static final String BUILTIN_DEFAULT = "builtin:default";
    static final String DEFAULT_RESOURCE = "/rampart/policies/default.yaml";
    private static final int MAX_EXTENDS_DEPTH = 8;

    /** Built-in detectors the classifiers module implements. */
    public static final Set<String> BUILTIN_DETECTORS = Set.of("pii:email", "pii:phone", "pii:payment_card",
            "pii:iban", "pii:national_id", "pii:secret", "pii:ip_address");

    static final Set<String> TOP = Set.of("name", "description", "extends", "settings", "categories", "rules",
            "remove_rules", "reward");
    static final Set<String> SETTINGS = Set.of("prompt_block_reply", "refusal_message", "redaction_text",
            "contest_margin", "streaming", "mode");
    private static final Set<String> STREAMING = Set.of("mode", "window_chars", "overlap_chars", "max_holdback_chars",
            "window_tokens", "overlap_tokens", "max_holdback_tokens", "annotations");
    static final Set<String> CATEGORY = Set.of("id", "name", "description", "examples", "patterns");
    private static final Set<String> PATTERN = Set.of("regex", "literal", "builtin", "score");
    static final Set<String> RULE = Set.of("category", "directions", "action", "thresholds", "locked",
            "on_error", "message", "mode");
    private static final Set<String> TIERS = Set.of("tier0", "tier1", "tier2", "tier3");
    private static final List<String> ACTIONS = List.of("allow", "flag", "redact", "block");
    private static final List<String> DIRECTIONS = List.of("prompt", "completion");
    private static final List<String> MODES = List.of("enforce", "monitor");
    private static final List<String> ON_ERROR = List.of("block", "flag", "allow");

    private PolicyLoader() {
    }

    public static PolicyLoadResult load(Path file) {
        List<PolicyProblem> problems = new ArrayList<>();
        Raw raw = read(file.toString(), file, problems, 0);
        return compile(raw, problems);
    }

    public static PolicyLoadResult loadDefault() {
        List<PolicyProblem> problems = new ArrayList<>();
        return compile(readBuiltin(problems, 0), problems);
    }

    /** Parses a policy from text; {@code extends} paths resolve against the working directory. */
    public static PolicyLoadResult parse(String sourceName, String yaml) {
        List<PolicyProblem> problems = new ArrayList<>();
        Raw raw = parse(sourceName, yaml, Path.of(""), problems, 0);
        return compile(raw, problems);
    }

    /** The text of the built-in default pack. */
    public static String builtinDefaultText() {
        try (InputStream in = PolicyLoader.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the built-in policy " + DEFAULT_RESOURCE + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the built-in policy", e);
        }
    }

    // ---- reading -----------------------------------------------------------------------------------------------

    /** A pack as written, before inheritance is resolved and before compilation. */
    private static final class Raw {
        String name;
        final Map<String, Object> settings = new LinkedHashMap<>();
        final Map<String, Category> categories = new LinkedHashMap<>();
        final Map<String, Rule> rules = new LinkedHashMap<>();
        final Map<String, Integer> ruleLines = new LinkedHashMap<>();
        RewardPolicy reward;
        String file;
    }

    private static Raw read(String label, Path file, List<PolicyProblem> problems, int depth) {
        String yaml;
        try {
            yaml = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            problems.add(new PolicyProblem(label, 0, "", "cannot read the file (" + e.getClass().getSimpleName() + ")"));
            return null;
        }
        Path dir = file.toAbsolutePath().getParent();
        return parse(label, yaml, dir == null ? Path.of("") : dir, problems, depth);
    }

    private static Raw readBuiltin(List<PolicyProblem> problems, int depth) {
        return parse(BUILTIN_DEFAULT, builtinDefaultText(), Path.of(""), problems, depth);
    }

    private static Raw parse(String file, String yaml, Path dir, List<PolicyProblem> problems, int depth) {
        YamlDoc doc = new YamlDoc(file, problems);
        Node root = doc.compose(yaml);
        if (root == null) {
            return null;
        }
        Map<String, Node> top = doc.mapping(root, "", TOP);
        Raw raw;
        if (top.containsKey("extends")) {
            String parent = doc.string(top.get("extends"), "extends");
            if (depth >= MAX_EXTENDS_DEPTH) {
                doc.problem(top.get("extends"), "extends", "inheritance is deeper than " + MAX_EXTENDS_DEPTH
                        + " levels (a cycle?)");
                raw = new Raw();
            } else if (BUILTIN_DEFAULT.equals(parent)) {
                raw = readBuiltin(problems, depth + 1);
            } else if (parent != null) {
                raw = read(parent, dir.resolve(parent), problems, depth + 1);
            } else {
                raw = null;
            }
            if (raw == null) {
                raw = new Raw();
            }
        } else {
            raw = new Raw();
        }
        raw.file = file;
        if (top.containsKey("name")) {
            raw.name = doc.string(top.get("name"), "name");
        }
        if (top.containsKey("settings")) {
            settings(doc, top.get("settings"), raw);
        }
        if (top.containsKey("reward")) {
            raw.reward = RewardPolicyParser.parse(doc, top.get("reward"));
        }
        if (top.containsKey("categories")) {
            List<Node> list = doc.sequence(top.get("categories"), "categories");
            for (int i = 0; i < list.size(); i++) {
                Category c = category(doc, list.get(i), "categories[" + i + "]");
                if (c != null) {
                    raw.categories.put(c.id(), c);
                }
            }
        }
        if (top.containsKey("remove_rules")) {
            List<String> removed = doc.strings(top.get("remove_rules"), "remove_rules");
            for (int i = 0; i < removed.size(); i++) {
                if (raw.rules.remove(removed.get(i)) == null) {
                    doc.problem(top.get("remove_rules"), "remove_rules[" + i + "]", "no inherited rule for category '"
                            + removed.get(i) + "'" + YamlDoc.suggestion(removed.get(i), raw.rules.keySet()));
                }
            }
        }
        if (top.containsKey("rules")) {
            List<Node> list = doc.sequence(top.get("rules"), "rules");
            Set<String> seen = new LinkedHashSet<>();
            for (int i = 0; i < list.size(); i++) {
                String path = "rules[" + i + "]";
                Rule r = rule(doc, list.get(i), path, raw.categories.keySet());
                if (r == null) {
                    continue;
                }
                if (!seen.add(r.category())) {
                    doc.problem(list.get(i), path + ".category", "a second rule for category '" + r.category() + "'");
                    continue;
                }
                raw.rules.put(r.category(), r);
            }
        }
        for (Map.Entry<String, Rule> e : raw.rules.entrySet()) {
            if (!raw.categories.containsKey(e.getKey())) {
                problems.add(new PolicyProblem(file, 0, "rules", "rule for category '" + e.getKey()
                        + "' which the taxonomy does not define"));
            }
        }
        return raw;
    }

    private static void settings(YamlDoc doc, Node node, Raw raw) {
        Map<String, Node> s = doc.mapping(node, "settings", SETTINGS);
        if (s.containsKey("prompt_block_reply")) {
            String v = doc.oneOf(s.get("prompt_block_reply"), "settings.prompt_block_reply", List.of("error", "refusal"));
            if (v != null) {
                raw.settings.put("prompt_block_reply", PromptBlockReply.valueOf(v.toUpperCase(Locale.ROOT)));
            }
        }
        if (s.containsKey("refusal_message")) {
            String v = doc.string(s.get("refusal_message"), "settings.refusal_message");
            if (v != null && v.isBlank()) {
                doc.problem(s.get("refusal_message"), "settings.refusal_message", "must not be blank");
            } else if (v != null) {
                raw.settings.put("refusal_message", v);
            }
        }
        if (s.containsKey("redaction_text")) {
            String v = doc.string(s.get("redaction_text"), "settings.redaction_text");
            if (v != null) {
                raw.settings.put("redaction_text", v);
            }
        }
        if (s.containsKey("contest_margin")) {
            Double v = doc.number(s.get("contest_margin"), "settings.contest_margin", 0, 0.5);
            if (v != null) {
                raw.settings.put("contest_margin", v);
            }
        }
        if (s.containsKey("mode")) {
            Mode mode = mode(doc, s.get("mode"), "settings.mode");
            if (mode != null) {
                raw.settings.put("mode", mode);
            }
        }
        if (s.containsKey("streaming")) {
            Map<String, Node> st = doc.mapping(s.get("streaming"), "settings.streaming", STREAMING);
            StreamingSettings base = (StreamingSettings) raw.settings.getOrDefault("streaming", StreamingSettings.DEFAULT);
            StreamingSettings.Mode mode = base.mode();
            if (st.containsKey("mode")) {
                String m = doc.oneOf(st.get("mode"), "settings.streaming.mode", List.of("hold", "async"));
                if (m != null) {
                    mode = StreamingSettings.Mode.valueOf(m.toUpperCase(Locale.ROOT));
                }
            }
            boolean chars = st.containsKey("window_chars") || st.containsKey("overlap_chars")
                    || st.containsKey("max_holdback_chars");
            boolean tokens = st.containsKey("window_tokens") || st.containsKey("overlap_tokens")
                    || st.containsKey("max_holdback_tokens");
            if (chars && tokens) {
                doc.problem(s.get("streaming"), "settings.streaming", "give window, overlap and hold-back either in "
                        + "characters (*_chars) or in tokens (*_tokens), not both");
            }
            StreamingSettings.Unit unit = tokens && !chars ? StreamingSettings.Unit.TOKENS
                    : chars ? StreamingSettings.Unit.CHARS : base.unit();
            if (unit != base.unit()) {
                base = unit == StreamingSettings.Unit.TOKENS ? StreamingSettings.TOKEN_DEFAULT : StreamingSettings.DEFAULT;
            }
            String suffix = unit == StreamingSettings.Unit.TOKENS ? "_tokens" : "_chars";
            int minWindow = unit == StreamingSettings.Unit.TOKENS ? 4 : 16;
            int window = sized(doc, st, "window" + suffix, minWindow, base.window());
            int overlap = sized(doc, st, "overlap" + suffix, 0, base.overlap());
            int hold = sized(doc, st, "max_holdback" + suffix, 1, base.maxHoldback());
            if (overlap >= window) {
                doc.problem(st.get("overlap" + suffix) != null ? st.get("overlap" + suffix) : s.get("streaming"),
                        "settings.streaming.overlap" + suffix, "must be smaller than window" + suffix + " (" + window
                                + "), but was " + overlap);
            }
            boolean annotations = base.annotations();
            if (st.containsKey("annotations")) {
                Boolean b = doc.bool(st.get("annotations"), "settings.streaming.annotations");
                annotations = b != null ? b : annotations;
            }
            raw.settings.put("streaming", new StreamingSettings(mode, window, overlap, hold, annotations, unit));
        }
    }

    private static int sized(YamlDoc doc, Map<String, Node> st, String key, int min, int fallback) {
        return st.containsKey(key) ? orElse(doc.integer(st.get(key), "settings.streaming." + key, min, 100_000), fallback)
                : fallback;
    }

    private static int orElse(Integer v, int fallback) {
        return v == null ? fallback : v;
    }

    private static Category category(YamlDoc doc, Node node, String path) {
        Map<String, Node> c = doc.mapping(node, path, CATEGORY);
        String id = c.containsKey("id") ? doc.string(c.get("id"), path + ".id") : null;
        if (id == null) {
            if (!c.containsKey("id")) {
                doc.problem(node, path + ".id", "is required");
            }
            return null;
        }
        if (!id.matches("[A-Za-z][A-Za-z0-9_]{0,63}")) {
            doc.problem(c.get("id"), path + ".id", "must be a letter followed by letters, digits or '_', but was '" + id + "'");
            return null;
        }
        String name = c.containsKey("name") ? doc.string(c.get("name"), path + ".name") : id;
        String description = c.containsKey("description") ? doc.string(c.get("description"), path + ".description") : "";
        List<String> examples = c.containsKey("examples") ? doc.strings(c.get("examples"), path + ".examples") : List.of();
        List<Category.Pattern> patterns = new ArrayList<>();
        if (c.containsKey("patterns")) {
            List<Node> list = doc.sequence(c.get("patterns"), path + ".patterns");
            for (int i = 0; i < list.size(); i++) {
                String pp = path + ".patterns[" + i + "]";
                Map<String, Node> p = doc.mapping(list.get(i), pp, PATTERN);
                double score = 1.0;
                if (p.containsKey("score")) {
                    Double v = doc.number(p.get("score"), pp + ".score", 0.01, 1);
                    score = v == null ? 1.0 : v;
                }
                Map<String, Node> kinds = new LinkedHashMap<>(p);
                kinds.remove("score");
                if (kinds.size() != 1) {
                    if (!p.isEmpty() || list.get(i) instanceof org.snakeyaml.engine.v2.nodes.MappingNode) {
                        doc.problem(list.get(i), pp, "must have exactly one of regex, literal, builtin");
                    }
                    continue;
                }
                Map.Entry<String, Node> e = kinds.entrySet().iterator().next();
                String value = doc.string(e.getValue(), pp + "." + e.getKey());
                if (value == null || value.isBlank()) {
                    if (value != null) {
                        doc.problem(e.getValue(), pp + "." + e.getKey(), "must not be blank");
                    }
                    continue;
                }
                switch (e.getKey()) {
                    case "regex" -> {
                        try {
                            java.util.regex.Pattern.compile(value);
                            patterns.add(new Category.Pattern(Category.Pattern.Kind.REGEX, value, score));
                        } catch (PatternSyntaxException ex) {
                            doc.problem(e.getValue(), pp + ".regex", "is not a valid regular expression: "
                                    + ex.getDescription() + " near index " + ex.getIndex());
                        }
                    }
                    case "literal" -> patterns.add(new Category.Pattern(Category.Pattern.Kind.LITERAL, value, score));
                    default -> {
                        if (BUILTIN_DETECTORS.contains(value)) {
                            patterns.add(new Category.Pattern(Category.Pattern.Kind.BUILTIN, value, score));
                        } else {
                            doc.problem(e.getValue(), pp + ".builtin", "unknown detector '" + value + "'"
                                    + YamlDoc.suggestion(value, BUILTIN_DETECTORS));
                        }
                    }
                }
            }
        }
        return new Category(id, name == null ? id : name, description == null ? "" : description, examples, patterns);
    }

    private static Rule rule(YamlDoc doc, Node node, String path, Set<String> categories) {
        Map<String, Node> r = doc.mapping(node, path, RULE);
        boolean ok = true;
        String category = null;
        if (!r.containsKey("category")) {
            doc.problem(node, path + ".category", "is required");
            ok = false;
        } else {
            category = doc.string(r.get("category"), path + ".category");
            if (category != null && !categories.contains(category)) {
                doc.problem(r.get("category"), path + ".category", "unknown category '" + category + "'"
                        + YamlDoc.suggestion(category, categories));
                ok = false;
            }
        }
        Set<Direction> directions = EnumSet.allOf(Direction.class);
        if (r.containsKey("directions")) {
            directions = EnumSet.noneOf(Direction.class);
            List<Node> list = doc.sequence(r.get("directions"), path + ".directions");
            for (int i = 0; i < list.size(); i++) {
                String d = doc.oneOf(list.get(i), path + ".directions[" + i + "]", DIRECTIONS);
                if (d != null) {
                    directions.add(Direction.valueOf(d.toUpperCase(Locale.ROOT)));
                }
            }
            if (directions.isEmpty() && !list.isEmpty()) {
                ok = false;
            }
        }
        Action action = null;
        if (!r.containsKey("action")) {
            doc.problem(node, path + ".action", "is required");
            ok = false;
        } else {
            String a = doc.oneOf(r.get("action"), path + ".action", ACTIONS);
            if (a == null) {
                ok = false;
            } else {
                action = Action.valueOf(a.toUpperCase(Locale.ROOT));
            }
        }
        double[] thresholds = {0.5, 0.5, 0.5, 0.5};
        if (r.containsKey("thresholds")) {
            Node tn = r.get("thresholds");
            if (tn instanceof org.snakeyaml.engine.v2.nodes.ScalarNode) {
                Double all = doc.number(tn, path + ".thresholds", 0, 1);
                if (all == null) {
                    ok = false;
                } else {
                    java.util.Arrays.fill(thresholds, all);
                }
            } else {
                Map<String, Node> t = doc.mapping(tn, path + ".thresholds", TIERS);
                Double previous = null;
                for (int tier = 0; tier <= Policy.MAX_TIER; tier++) {
                    String key = "tier" + tier;
                    if (!t.containsKey(key)) {
                        doc.problem(tn, path + ".thresholds." + key, "is required (one threshold per trust tier)");
                        ok = false;
                        continue;
                    }
                    Double v = doc.number(t.get(key), path + ".thresholds." + key, 0, 1);
                    if (v == null) {
                        ok = false;
                        continue;
                    }
                    if (previous != null && v < previous) {
                        doc.problem(t.get(key), path + ".thresholds." + key, "must not be stricter than tier"
                                + (tier - 1) + " (" + previous + "): higher trust relaxes, but was " + v);
                        ok = false;
                    }
                    thresholds[tier] = v;
                    previous = v;
                }
            }
        }
        boolean locked = false;
        if (r.containsKey("locked")) {
            Boolean b = doc.bool(r.get("locked"), path + ".locked");
            locked = b != null && b;
        }
        OnError onError = r.containsKey("on_error") ? onError(doc, r.get("on_error"), path + ".on_error")
                : OnError.FAIL_CLOSED;
        Mode mode = r.containsKey("mode") ? mode(doc, r.get("mode"), path + ".mode") : null;
        String message = r.containsKey("message") ? doc.string(r.get("message"), path + ".message") : null;
        return ok && category != null ? new Rule(category, directions, action, thresholds, locked, onError, message, mode)
                : null;
    }

    private static Mode mode(YamlDoc doc, Node node, String path) {
        String m = doc.oneOf(node, path, MODES);
        return m == null ? null : Mode.valueOf(m.toUpperCase(Locale.ROOT));
    }

    /** {@code block}, or per direction {@code {prompt: block, completion: flag}}; an omitted direction fails closed. */
    private static OnError onError(YamlDoc doc, Node node, String path) {
        if (node instanceof org.snakeyaml.engine.v2.nodes.ScalarNode) {
            String e = doc.oneOf(node, path, ON_ERROR);
            return e == null ? OnError.FAIL_CLOSED : OnError.both(Action.valueOf(e.toUpperCase(Locale.ROOT)));
        }
        Map<String, Node> m = doc.mapping(node, path, Set.copyOf(DIRECTIONS));
        Action[] actions = {Action.BLOCK, Action.BLOCK};
        for (int i = 0; i < DIRECTIONS.size(); i++) {
            String d = DIRECTIONS.get(i);
            if (m.containsKey(d)) {
                String e = doc.oneOf(m.get(d), path + "." + d, ON_ERROR);
                actions[i] = e == null ? Action.BLOCK : Action.valueOf(e.toUpperCase(Locale.ROOT));
            }
        }
        return new OnError(actions[0], actions[1]);
    }

    // ---- compilation ---------------------------------------------------------------------------------------------

    private static PolicyLoadResult compile(Raw raw, List<PolicyProblem> problems) {
        if (raw == null || !problems.isEmpty()) {
            if (problems.isEmpty()) {
                problems.add(new PolicyProblem("?", 0, "", "the policy could not be read"));
            }
            return new PolicyLoadResult.Invalid(problems);
        }
        if (raw.categories.isEmpty()) {
            return new PolicyLoadResult.Invalid(List.of(new PolicyProblem(raw.file, 0, "categories",
                    "the taxonomy is empty: define categories or extend a pack that does")));
        }
        PromptBlockReply reply = (PromptBlockReply) raw.settings.getOrDefault("prompt_block_reply", PromptBlockReply.ERROR);
        String refusal = (String) raw.settings.getOrDefault("refusal_message",
                "I can't help with that request because it conflicts with the usage policy.");
        String redaction = (String) raw.settings.getOrDefault("redaction_text", "[REDACTED:{category}]");
        double margin = (Double) raw.settings.getOrDefault("contest_margin", 0.1);
        StreamingSettings streaming = (StreamingSettings) raw.settings.getOrDefault("streaming", StreamingSettings.DEFAULT);
        Mode mode = (Mode) raw.settings.getOrDefault("mode", Mode.ENFORCE);
        String name = raw.name == null ? "policy" : raw.name;
        List<Category> categories = new ArrayList<>(raw.categories.values());
        String named = raw.reward == null ? name : name + "\nreward=" + raw.reward;
        String revision = revision(mode == Mode.ENFORCE ? named : named + "\nmode=" + mode.wireName(), categories,
                raw.rules, reply, refusal, redaction, margin, streaming);
        return new PolicyLoadResult.Loaded(new Policy(name, revision, categories, raw.rules, reply, refusal, redaction,
                margin, streaming, raw.reward, mode));
    }

    /** SHA-256 of a canonical rendering of the resolved policy, first 12 hex characters. */
    static String revision(String name, List<Category> categories, Map<String, Rule> rules, PromptBlockReply reply,
                           String refusal, String redaction, double margin, StreamingSettings streaming) {
        StringBuilder c = new StringBuilder();
        c.append("name=").append(name).append('\n');
        c.append("reply=").append(reply).append("\nrefusal=").append(refusal).append("\nredaction=").append(redaction)
                .append("\nmargin=").append(margin).append("\nstreaming=").append(streaming).append('\n');
        for (Category cat : categories) {
            c.append("category=").append(cat.id()).append('|').append(cat.name()).append('|').append(cat.description())
                    .append('|').append(cat.examples()).append('|').append(cat.patterns()).append('\n');
        }
        for (Rule r : rules.values()) {
            c.append("rule=").append(r.category()).append('|').append(new java.util.TreeSet<>(r.directions()))
                    .append('|').append(r.action()).append('|').append(java.util.Arrays.toString(r.thresholds()))
                    .append('|').append(r.locked()).append('|').append(r.onError().prompt() == r.onError().completion() ? r.onError().prompt()
                            : r.onError().wireName()).append('|').append(r.message())
                    .append(r.mode() == null ? "" : "|mode=" + r.mode().wireName()).append('\n');
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(c.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
