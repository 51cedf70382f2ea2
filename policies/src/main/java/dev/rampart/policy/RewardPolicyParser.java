package dev.rampart.policy;

import dev.rampart.config.ConfigNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

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

    static RewardPolicy parse(ConfigNode node) {
        ConfigNode r = node.mapping().allowOnly(KEYS);
        String scorer = r.string("scorer", "reward");
        double rate = r.number("sample_rate", 1.0, 0, 1);
        RewardPolicy.Mode mode = RewardPolicy.Mode.valueOf(
                r.oneOf("mode", "inline", List.of("inline", "background")).toUpperCase(Locale.ROOT));
        ConfigNode a = r.section("annotate", ANNOTATE);
        boolean headers = a.bool("headers", true);
        boolean body = a.bool("body", false);
        List<RewardPolicy.RewardRule> rules = new ArrayList<>();
        for (ConfigNode item : r.list("rules")) {
            RewardPolicy.RewardRule rule = rule(item);
            if (rule != null) {
                rules.add(rule);
            }
        }
        int attempts = (int) r.section("regenerate", Set.of("max_attempts")).integer("max_attempts", 1, 1, MAX_CANDIDATES);
        int bestOfN = (int) r.integer("best_of_n", 1, 1, MAX_CANDIDATES);
        Double overRefusal = r.section("over_refusal", Set.of("helpfulness_below")).get("helpfulness_below")
                .asNumber(-1e6, 1e6);
        boolean regenerates = rules.stream().anyMatch(x -> x.action() == RewardPolicy.RewardAction.REGENERATE);
        if (mode == RewardPolicy.Mode.BACKGROUND && (regenerates || bestOfN > 1)) {
            r.get("mode").problem("background scoring happens after the reply is sent, so it cannot "
                    + "regenerate or choose the best of n: use mode inline or drop those rules");
        }
        if (regenerates && attempts < 2) {
            r.get("regenerate").get("max_attempts").problem("a regenerate rule needs max_attempts of at least 2");
        }
        return new RewardPolicy(scorer, rate, mode, headers, body, rules, attempts, bestOfN, overRefusal);
    }

    private static RewardPolicy.RewardRule rule(ConfigNode node) {
        ConfigNode m = node.mapping().allowOnly(RULE);
        String attribute = m.get("attribute").asString();
        if (!m.has("attribute")) {
            m.get("attribute").problem("is required");
        }
        String action = m.get("action").asOneOf(List.of("flag", "regenerate"));
        if (!m.has("action")) {
            m.get("action").problem("is required (flag or regenerate)");
        }
        double[] thresholds = null;
        ConfigNode below = m.get("below");
        if (!below.present()) {
            below.problem("is required: a number, or one number per trust tier");
        } else if (below.isScalar()) {
            Double v = below.asNumber(-1e6, 1e6);
            thresholds = v == null ? null : new double[] {v, v, v, v};
        } else {
            ConfigNode t = below.mapping().allowOnly(TIERS);
            thresholds = new double[4];
            for (int i = 0; i < 4; i++) {
                ConfigNode tn = t.get("tier" + i);
                if (!tn.present()) {
                    tn.problem("is required (one threshold per trust tier)");
                }
                Double v = tn.asNumber(-1e6, 1e6);
                thresholds[i] = v == null ? Double.NaN : v;
            }
        }
        if (attribute == null || action == null || thresholds == null) {
            return null;
        }
        return new RewardPolicy.RewardRule(attribute, thresholds,
                RewardPolicy.RewardAction.valueOf(action.toUpperCase(Locale.ROOT)));
    }
}
