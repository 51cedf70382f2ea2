package dev.rampart.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/** Reads a pack's {@code reward:} section into a {@link RewardPolicy}, reporting every problem with its line and path. */
final class RewardPolicyParser {
    static final Set<String> KEYS = Set.of("scorer", "sample_rate", "mode", "annotate", "rules", "regenerate",
            "best_of_n", "over_refusal");
    private static final Set<String> ANNOTATE = Set.of("headers", "body");
    private static final Set<String> RULE = Set.of("attribute", "below", "action");
    private static final Set<String> TIERS = Set.of("tier0", "tier1", "tier2", "tier3");
    private static final int MAX_CANDIDATES = 8;

    private RewardPolicyParser() {
    }

    static RewardPolicy parse(YamlDoc doc, Node node) {
        Map<String, Node> r = doc.mapping(node, "reward", KEYS);
        String scorer = "reward";
        if (r.containsKey("scorer")) {
            String s = doc.string(r.get("scorer"), "reward.scorer");
            scorer = s == null ? scorer : s;
        }
        double rate = r.containsKey("sample_rate") ? orElse(doc.number(r.get("sample_rate"), "reward.sample_rate", 0, 1), 1.0) : 1.0;
        RewardPolicy.Mode mode = RewardPolicy.Mode.INLINE;
        if (r.containsKey("mode")) {
            String m = doc.oneOf(r.get("mode"), "reward.mode", List.of("inline", "background"));
            if (m != null) {
                mode = RewardPolicy.Mode.valueOf(m.toUpperCase(Locale.ROOT));
            }
        }
        boolean headers = true;
        boolean body = false;
        if (r.containsKey("annotate")) {
            Map<String, Node> a = doc.mapping(r.get("annotate"), "reward.annotate", ANNOTATE);
            if (a.containsKey("headers")) {
                headers = orElse(doc.bool(a.get("headers"), "reward.annotate.headers"), true);
            }
            if (a.containsKey("body")) {
                body = orElse(doc.bool(a.get("body"), "reward.annotate.body"), false);
            }
        }
        List<RewardPolicy.RewardRule> rules = new ArrayList<>();
        if (r.containsKey("rules")) {
            List<Node> list = doc.sequence(r.get("rules"), "reward.rules");
            for (int i = 0; i < list.size(); i++) {
                RewardPolicy.RewardRule rule = rule(doc, list.get(i), "reward.rules[" + i + "]");
                if (rule != null) {
                    rules.add(rule);
                }
            }
        }
        int attempts = 1;
        if (r.containsKey("regenerate")) {
            Map<String, Node> g = doc.mapping(r.get("regenerate"), "reward.regenerate", Set.of("max_attempts"));
            if (g.containsKey("max_attempts")) {
                attempts = orElse(doc.integer(g.get("max_attempts"), "reward.regenerate.max_attempts", 1, MAX_CANDIDATES), 1);
            }
        }
        int bestOfN = r.containsKey("best_of_n")
                ? orElse(doc.integer(r.get("best_of_n"), "reward.best_of_n", 1, MAX_CANDIDATES), 1) : 1;
        Double overRefusal = null;
        if (r.containsKey("over_refusal")) {
            Map<String, Node> o = doc.mapping(r.get("over_refusal"), "reward.over_refusal", Set.of("helpfulness_below"));
            if (o.containsKey("helpfulness_below")) {
                overRefusal = doc.number(o.get("helpfulness_below"), "reward.over_refusal.helpfulness_below", -1e6, 1e6);
            }
        }
        boolean regenerates = rules.stream().anyMatch(x -> x.action() == RewardPolicy.RewardAction.REGENERATE);
        if (mode == RewardPolicy.Mode.BACKGROUND && (regenerates || bestOfN > 1)) {
            doc.problem(r.get("mode"), "reward.mode", "background scoring happens after the reply is sent, so it cannot "
                    + "regenerate or choose the best of n: use mode inline or drop those rules");
        }
        if (regenerates && attempts < 2) {
            doc.problem(r.containsKey("regenerate") ? r.get("regenerate") : node, "reward.regenerate.max_attempts",
                    "a regenerate rule needs max_attempts of at least 2");
        }
        return new RewardPolicy(scorer, rate, mode, headers, body, rules, attempts, bestOfN, overRefusal);
    }

    private static RewardPolicy.RewardRule rule(YamlDoc doc, Node node, String path) {
        Map<String, Node> m = doc.mapping(node, path, RULE);
        String attribute = m.containsKey("attribute") ? doc.string(m.get("attribute"), path + ".attribute") : null;
        if (attribute == null) {
            doc.problem(node, path + ".attribute", "is required");
        }
        String action = m.containsKey("action") ? doc.oneOf(m.get("action"), path + ".action", List.of("flag", "regenerate")) : null;
        if (!m.containsKey("action")) {
            doc.problem(node, path + ".action", "is required (flag or regenerate)");
        }
        double[] thresholds = null;
        Node below = m.get("below");
        if (below == null) {
            doc.problem(node, path + ".below", "is required: a number, or one number per trust tier");
        } else if (below instanceof ScalarNode) {
            Double v = doc.number(below, path + ".below", -1e6, 1e6);
            thresholds = v == null ? null : new double[] {v, v, v, v};
        } else {
            Map<String, Node> t = doc.mapping(below, path + ".below", TIERS);
            thresholds = new double[4];
            for (int i = 0; i < 4; i++) {
                Node tn = t.get("tier" + i);
                Double v = tn == null ? null : doc.number(tn, path + ".below.tier" + i, -1e6, 1e6);
                if (tn == null) {
                    doc.problem(below, path + ".below.tier" + i, "is required (one threshold per trust tier)");
                }
                thresholds[i] = v == null ? Double.NaN : v;
            }
        }
        if (attribute == null || action == null || thresholds == null) {
            return null;
        }
        return new RewardPolicy.RewardRule(attribute, thresholds,
                RewardPolicy.RewardAction.valueOf(action.toUpperCase(Locale.ROOT)));
    }

    private static <T> T orElse(T v, T fallback) {
        return v == null ? fallback : v;
    }
}
