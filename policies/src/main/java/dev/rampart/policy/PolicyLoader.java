package dev.rampart.policy;

import dev.rampart.config.ConfigNode;
import dev.rampart.config.ConfigProblem;
import dev.rampart.config.DidYouMean;
import dev.rampart.config.YamlReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
            "pii:iban", "pii:national_id", "pii:secret", "pii:ip_address", "language:non_english");

    static final Set<String> TOP = Set.of("name", "description", "extends", "settings", "categories", "rules",
            "remove_rules", "reward");
    static final Set<String> SETTINGS = Set.of("prompt_block_reply", "refusal_message", "redaction_text",
            "contest_margin", "streaming", "mode");
    private static final Set<String> STREAMING = Set.of("mode", "window_chars", "overlap_chars", "max_holdback_chars",
            "window_tokens", "overlap_tokens", "max_holdback_tokens", "annotations");
    static final Set<String> CATEGORY = Set.of("id", "name", "description", "examples", "patterns",
            "openai_categories");
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
        List<ConfigProblem> problems = new ArrayList<>();
        Raw raw = read(file.toString(), file, problems, 0);
        return compile(raw, problems);
    }

    public static PolicyLoadResult loadDefault() {
        List<ConfigProblem> problems = new ArrayList<>();
        return compile(readBuiltin(problems, 0), problems);
    }

    /** Parses a policy from text; {@code extends} paths resolve against the working directory. */
    public static PolicyLoadResult parse(String sourceName, String yaml) {
        List<ConfigProblem> problems = new ArrayList<>();
        Raw raw = parse(YamlReader.parse(sourceName, yaml, problems), Path.of(""), problems, 0);
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

    private static Raw read(String label, Path file, List<ConfigProblem> problems, int depth) {
        int before = problems.size();
        ConfigNode root = YamlReader.read(label, file, problems);
        if (!root.present() && problems.size() > before) {
            return null;
        }
        Path dir = file.toAbsolutePath().getParent();
        return parse(root, dir == null ? Path.of("") : dir, problems, depth);
    }

    private static Raw readBuiltin(List<ConfigProblem> problems, int depth) {
        return parse(YamlReader.parse(BUILTIN_DEFAULT, builtinDefaultText(), problems), Path.of(""), problems, depth);
    }

    private static Raw parse(ConfigNode root, Path dir, List<ConfigProblem> problems, int depth) {
        String file = root.source();
        if (!root.present()) {
            if (problems.stream().noneMatch(p -> p.source().equals(file))) {
                root.problem("the policy file is empty");
            }
            return null;
        }
        ConfigNode top = root.mapping().allowOnly(TOP);
        Raw raw;
        if (top.has("extends")) {
            ConfigNode extendsNode = top.get("extends");
            String parent = extendsNode.asString();
            if (depth >= MAX_EXTENDS_DEPTH) {
                extendsNode.problem("inheritance is deeper than " + MAX_EXTENDS_DEPTH + " levels (a cycle?)");
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
        if (top.has("name")) {
            raw.name = top.get("name").asString();
        }
        if (top.has("settings")) {
            settings(top.get("settings"), raw);
        }
        if (top.has("reward")) {
            raw.reward = RewardPolicyParser.parse(top.get("reward"));
        }
        List<ConfigNode> categoryList = top.list("categories");
        for (ConfigNode node : categoryList) {
            Category c = category(node);
            if (c != null) {
                raw.categories.put(c.id(), c);
            }
        }
        List<ConfigNode> removed = top.list("remove_rules");
        for (ConfigNode node : removed) {
            String category = node.asString();
            if (category != null && raw.rules.remove(category) == null) {
                node.problem("no inherited rule for category '" + category + "'"
                        + DidYouMean.hint(category, raw.rules.keySet()));
            }
        }
        Set<String> seen = new LinkedHashSet<>();
        for (ConfigNode node : top.list("rules")) {
            Rule r = rule(node, raw.categories.keySet());
            if (r == null) {
                continue;
            }
            if (!seen.add(r.category())) {
                node.get("category").problem("a second rule for category '" + r.category() + "'");
                continue;
            }
            raw.rules.put(r.category(), r);
        }
        for (Map.Entry<String, Rule> e : raw.rules.entrySet()) {
            if (!raw.categories.containsKey(e.getKey())) {
                problems.add(new ConfigProblem(file, 0, "rules", "rule for category '" + e.getKey()
                        + "' which the taxonomy does not define"));
            }
        }
        return raw;
    }

    private static void settings(ConfigNode node, Raw raw) {
        ConfigNode s = node.mapping().allowOnly(SETTINGS);
        if (s.has("prompt_block_reply")) {
            String v = s.get("prompt_block_reply").asOneOf(List.of("error", "refusal"));
            if (v != null) {
                raw.settings.put("prompt_block_reply", PromptBlockReply.valueOf(v.toUpperCase(Locale.ROOT)));
            }
        }
        if (s.has("refusal_message")) {
            String v = s.get("refusal_message").asString();
            if (v != null && v.isBlank()) {
                s.get("refusal_message").problem("must not be blank");
            } else if (v != null) {
                raw.settings.put("refusal_message", v);
            }
        }
        if (s.has("redaction_text")) {
            String v = s.get("redaction_text").asString();
            if (v != null) {
                raw.settings.put("redaction_text", v);
            }
        }
        if (s.has("contest_margin")) {
            Double v = s.get("contest_margin").asNumber(0, 0.5);
            if (v != null) {
                raw.settings.put("contest_margin", v);
            }
        }
        if (s.has("mode")) {
            Mode mode = mode(s.get("mode"));
            if (mode != null) {
                raw.settings.put("mode", mode);
            }
        }
        if (s.has("streaming")) {
            ConfigNode streaming = s.get("streaming");
            ConfigNode st = streaming.mapping().allowOnly(STREAMING);
            StreamingSettings base = (StreamingSettings) raw.settings.getOrDefault("streaming", StreamingSettings.DEFAULT);
            StreamingSettings.Mode mode = base.mode();
            if (st.has("mode")) {
                String m = st.get("mode").asOneOf(List.of("hold", "async"));
                if (m != null) {
                    mode = StreamingSettings.Mode.valueOf(m.toUpperCase(Locale.ROOT));
                }
            }
            boolean chars = st.has("window_chars") || st.has("overlap_chars") || st.has("max_holdback_chars");
            boolean tokens = st.has("window_tokens") || st.has("overlap_tokens") || st.has("max_holdback_tokens");
            if (chars && tokens) {
                streaming.problem("give window, overlap and hold-back either in "
                        + "characters (*_chars) or in tokens (*_tokens), not both");
            }
            StreamingSettings.Unit unit = tokens && !chars ? StreamingSettings.Unit.TOKENS
                    : chars ? StreamingSettings.Unit.CHARS : base.unit();
            if (unit != base.unit()) {
                base = unit == StreamingSettings.Unit.TOKENS ? StreamingSettings.TOKEN_DEFAULT : StreamingSettings.DEFAULT;
            }
            String suffix = unit == StreamingSettings.Unit.TOKENS ? "_tokens" : "_chars";
            int minWindow = unit == StreamingSettings.Unit.TOKENS ? 4 : 16;
            int window = (int) st.integer("window" + suffix, base.window(), minWindow, 100_000);
            int overlap = (int) st.integer("overlap" + suffix, base.overlap(), 0, 100_000);
            int hold = (int) st.integer("max_holdback" + suffix, base.maxHoldback(), 1, 100_000);
            if (overlap >= window) {
                st.get("overlap" + suffix).problem("must be smaller than window" + suffix + " (" + window
                        + "), but was " + overlap);
            }
            boolean annotations = st.bool("annotations", base.annotations());
            raw.settings.put("streaming", new StreamingSettings(mode, window, overlap, hold, annotations, unit));
        }
    }

    private static Category category(ConfigNode node) {
        ConfigNode c = node.mapping().allowOnly(CATEGORY);
        if (!c.present()) {
            return null;
        }
        String id = c.get("id").asString();
        if (id == null) {
            if (!c.has("id")) {
                c.get("id").problem("is required");
            }
            return null;
        }
        if (!id.matches("[A-Za-z][A-Za-z0-9_]{0,63}")) {
            c.get("id").problem("must be a letter followed by letters, digits or '_', but was '" + id + "'");
            return null;
        }
        String name = c.string("name", id);
        String description = c.string("description", "");
        List<String> examples = c.strings("examples");
        List<Category.Pattern> patterns = new ArrayList<>();
        for (ConfigNode item : c.list("patterns")) {
            ConfigNode p = item.mapping().allowOnly(PATTERN);
            double score = p.number("score", 1.0, 0.01, 1);
            List<String> kinds = p.keys().stream().filter(k -> !k.equals("score") && PATTERN.contains(k)).toList();
            if (kinds.size() != 1) {
                if (p.present()) {
                    p.problem("must have exactly one of regex, literal, builtin");
                }
                continue;
            }
            String kind = kinds.get(0);
            ConfigNode valueNode = p.get(kind);
            String value = valueNode.asString();
            if (value == null || value.isBlank()) {
                if (value != null || !valueNode.present()) {
                    valueNode.problem("must not be blank");
                }
                continue;
            }
            switch (kind) {
                case "regex" -> {
                    try {
                        java.util.regex.Pattern.compile(value);
                        patterns.add(new Category.Pattern(Category.Pattern.Kind.REGEX, value, score));
                    } catch (PatternSyntaxException ex) {
                        valueNode.problem("is not a valid regular expression: "
                                + ex.getDescription() + " near index " + ex.getIndex());
                    }
                }
                case "literal" -> patterns.add(new Category.Pattern(Category.Pattern.Kind.LITERAL, value, score));
                default -> {
                    if (BUILTIN_DETECTORS.contains(value)) {
                        patterns.add(new Category.Pattern(Category.Pattern.Kind.BUILTIN, value, score));
                    } else {
                        valueNode.problem("unknown detector '" + value + "'" + DidYouMean.hint(value, BUILTIN_DETECTORS));
                    }
                }
            }
        }
        return new Category(id, name, description, examples, patterns, openaiCategories(c.get("openai_categories")));
    }

    /** The OpenAI moderation names a category counts as: each one of OpenAI's, none twice. */
    private static List<String> openaiCategories(ConfigNode list) {
        List<String> out = new ArrayList<>();
        for (ConfigNode item : list.items()) {
            String name = item.asString();
            if (name == null) {
                continue;
            }
            if (!OpenAiModerationCategories.NAMES.contains(name)) {
                item.problem("must be one of OpenAI's moderation categories (" + String.join(", ",
                        OpenAiModerationCategories.NAMES) + "), but was '" + name + "'"
                        + DidYouMean.hint(name, OpenAiModerationCategories.NAMES));
            } else if (out.contains(name)) {
                item.problem("names '" + name + "' twice");
            } else {
                out.add(name);
            }
        }
        return out;
    }

    private static Rule rule(ConfigNode node, Set<String> categories) {
        ConfigNode r = node.mapping().allowOnly(RULE);
        if (!r.present()) {
            return null;
        }
        boolean ok = true;
        String category = null;
        if (!r.has("category")) {
            r.get("category").problem("is required");
            ok = false;
        } else {
            category = r.get("category").asString();
            if (category != null && !categories.contains(category)) {
                r.get("category").problem("unknown category '" + category + "'" + DidYouMean.hint(category, categories));
                ok = false;
            }
        }
        Set<Direction> directions = EnumSet.allOf(Direction.class);
        if (r.has("directions")) {
            directions = EnumSet.noneOf(Direction.class);
            List<ConfigNode> list = r.list("directions");
            for (ConfigNode item : list) {
                String d = item.asOneOf(DIRECTIONS);
                if (d != null) {
                    directions.add(Direction.valueOf(d.toUpperCase(Locale.ROOT)));
                }
            }
            if (directions.isEmpty() && !list.isEmpty()) {
                ok = false;
            }
        }
        Action action = null;
        if (!r.has("action")) {
            r.get("action").problem("is required");
            ok = false;
        } else {
            String a = r.get("action").asOneOf(ACTIONS);
            if (a == null) {
                ok = false;
            } else {
                action = Action.valueOf(a.toUpperCase(Locale.ROOT));
            }
        }
        double[] thresholds = {0.5, 0.5, 0.5, 0.5};
        if (r.has("thresholds")) {
            ConfigNode tn = r.get("thresholds");
            if (tn.isScalar()) {
                Double all = tn.asNumber(0, 1);
                if (all == null) {
                    ok = false;
                } else {
                    java.util.Arrays.fill(thresholds, all);
                }
            } else {
                ConfigNode t = tn.mapping().allowOnly(TIERS);
                Double previous = null;
                for (int tier = 0; tier <= Policy.MAX_TIER; tier++) {
                    String key = "tier" + tier;
                    if (!t.has(key)) {
                        t.get(key).problem("is required (one threshold per trust tier)");
                        ok = false;
                        continue;
                    }
                    Double v = t.get(key).asNumber(0, 1);
                    if (v == null) {
                        ok = false;
                        continue;
                    }
                    if (previous != null && v < previous) {
                        t.get(key).problem("must not be stricter than tier" + (tier - 1) + " (" + previous
                                + "): higher trust relaxes, but was " + v);
                        ok = false;
                    }
                    thresholds[tier] = v;
                    previous = v;
                }
            }
        }
        boolean locked = r.bool("locked", false);
        OnError onError = r.has("on_error") ? onError(r.get("on_error")) : OnError.FAIL_CLOSED;
        Mode mode = r.has("mode") ? mode(r.get("mode")) : null;
        String message = r.string("message", null);
        return ok && category != null ? new Rule(category, directions, action, thresholds, locked, onError, message, mode)
                : null;
    }

    private static Mode mode(ConfigNode node) {
        String m = node.asOneOf(MODES);
        return m == null ? null : Mode.valueOf(m.toUpperCase(Locale.ROOT));
    }

    /** {@code block}, or per direction {@code {prompt: block, completion: flag}}; an omitted direction fails closed. */
    private static OnError onError(ConfigNode node) {
        if (!node.isMapping()) {
            String e = node.asOneOf(ON_ERROR);
            return e == null ? OnError.FAIL_CLOSED : OnError.both(Action.valueOf(e.toUpperCase(Locale.ROOT)));
        }
        ConfigNode m = node.mapping().allowOnly(DIRECTIONS);
        Action[] actions = {Action.BLOCK, Action.BLOCK};
        for (int i = 0; i < DIRECTIONS.size(); i++) {
            String d = DIRECTIONS.get(i);
            if (m.has(d)) {
                String e = m.get(d).asOneOf(ON_ERROR);
                actions[i] = e == null ? Action.BLOCK : Action.valueOf(e.toUpperCase(Locale.ROOT));
            }
        }
        return new OnError(actions[0], actions[1]);
    }

    // ---- compilation ---------------------------------------------------------------------------------------------

    private static PolicyLoadResult compile(Raw raw, List<ConfigProblem> problems) {
        if (raw == null || !problems.isEmpty()) {
            if (problems.isEmpty()) {
                problems.add(new ConfigProblem("?", 0, "", "the policy could not be read"));
            }
            return new PolicyLoadResult.Invalid(problems);
        }
        if (raw.categories.isEmpty()) {
            return new PolicyLoadResult.Invalid(List.of(new ConfigProblem(raw.file, 0, "categories",
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
                    .append('|').append(cat.examples()).append('|').append(cat.patterns())
                    .append(cat.openaiCategories().isEmpty() ? "" : "|openai=" + cat.openaiCategories()).append('\n');
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
