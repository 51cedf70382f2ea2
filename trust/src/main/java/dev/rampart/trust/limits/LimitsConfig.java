package dev.rampart.trust.limits;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code limits:} section of {@code gateway.yaml}: per scope, per trust tier, requests per second, concurrent
 * requests, tokens per minute and tokens per UTC day (0 or absent: unlimited; a day's budget at least the minute's);
 * per tier, the most {@code /v1/moderations} inputs one request may carry; and the share of the embedded classifier
 * queue one tenant's texts may hold at once on a replica (so one tenant cannot fill the queue and make everyone
 * else's classifications fail). Default: no limits. A tier without an entry inherits the next lower tier's.
 *
 * <pre>
 * limits:
 *   key:     { tier0: { requests_per_s: 5, concurrent: 4, tokens_per_min: 20000, tokens_per_day: 2000000 },
 *            tier3: { requests_per_s: 50 } }
 *   tenant:  { tier0: { requests_per_s: 100, tokens_per_day: 50000000 } }
 *   subject: { tier0: { requests_per_s: 1, concurrent: 1 }, tier2: { requests_per_s: 10 } }
 *   moderation_inputs: { tier0: 32, tier1: 128, tier2: 512, tier3: 2048 }
 *   classifier_share: 0.25
 * </pre>
 *
 * @param byScope          for each limited scope, its limits at tiers 0 … 3
 * @param moderationInputs most moderation inputs per request at tiers 0 … 3 (0: no cap beyond the API's 2048)
 * @param classifierShare  fraction of the embedded classifier queue one tenant may hold, in (0, 1]; 1: no share
 */
public record LimitsConfig(Map<Scope, List<TierLimits>> byScope, List<Integer> moderationInputs,
                           double classifierShare) {
    public static final int TIERS = 4;
    /** The limits one scope may set per tier, in the order problems name them. */
    static final List<String> LIMIT_KEYS = List.of("concurrent", "requests_per_s", "tokens_per_day", "tokens_per_min");
    public static final LimitsConfig NONE = new LimitsConfig(Map.of(), List.of(0, 0, 0, 0), 1.0);

    public LimitsConfig {
        byScope = Map.copyOf(byScope);
        moderationInputs = List.copyOf(moderationInputs);
    }

    /** Whether any limit is configured. */
    public boolean any() {
        return byScope.values().stream().flatMap(List::stream).anyMatch(l -> !l.unlimited())
                || moderationInputs.stream().anyMatch(n -> n > 0) || classifierShare < 1.0;
    }

    /** Whether any scope has a token budget at any tier: then the tokens each request used are charged. */
    public boolean chargesTokens() {
        return byScope.values().stream().flatMap(List::stream).anyMatch(TierLimits::chargesTokens);
    }

    /** The most moderation inputs one request may carry at a tier (0: no cap). */
    public int moderationInputs(int tier) {
        return moderationInputs.get(Math.max(0, Math.min(TIERS - 1, tier)));
    }

    /** The limits of a scope at a tier (unlimited when the scope has none). */
    public TierLimits at(Scope scope, int tier) {
        List<TierLimits> tiers = byScope.get(scope);
        return tiers == null ? TierLimits.UNLIMITED : tiers.get(Math.max(0, Math.min(TIERS - 1, tier)));
    }

    /** Either a config or its problems. */
    public record Result(LimitsConfig config, List<String> problems) {
    }

    public static Result parse(Map<String, Object> raw) {
        List<String> problems = new ArrayList<>();
        if (raw == null || raw.isEmpty()) {
            return new Result(NONE, problems);
        }
        Map<Scope, List<TierLimits>> byScope = new EnumMap<>(Scope.class);
        Set<String> scopes = new TreeSet<>();
        for (Scope s : Scope.values()) {
            scopes.add(s.wireName());
        }
        scopes.add("moderation_inputs");
        scopes.add("classifier_share");
        List<Integer> moderationInputs = NONE.moderationInputs();
        double share = NONE.classifierShare();
        for (Map.Entry<String, Object> e : raw.entrySet()) {
            String path = "limits." + e.getKey();
            if (e.getKey().equals("moderation_inputs")) {
                moderationInputs = perTier(e.getValue(), path, problems);
                continue;
            }
            if (e.getKey().equals("classifier_share")) {
                if (!(e.getValue() instanceof Number n) || !(n.doubleValue() > 0 && n.doubleValue() <= 1)) {
                    problems.add(path + ": must be a number greater than 0 and at most 1, but was " + e.getValue());
                } else {
                    share = n.doubleValue();
                }
                continue;
            }
            Scope scope = null;
            for (Scope s : Scope.values()) {
                if (s.wireName().equals(e.getKey())) {
                    scope = s;
                }
            }
            if (scope == null) {
                problems.add(path + ": unknown key (known: " + String.join(", ", scopes) + ")");
                continue;
            }
            if (!(e.getValue() instanceof Map<?, ?> tiers)) {
                problems.add(path + ": must be a mapping of tier0 … tier3 to limits");
                continue;
            }
            byScope.put(scope, tiers(tiers, path, problems));
        }
        return new Result(problems.isEmpty() ? new LimitsConfig(byScope, moderationInputs, share) : null, problems);
    }

    private static List<Integer> perTier(Object raw, String path, List<String> problems) {
        if (!(raw instanceof Map<?, ?> tiers)) {
            problems.add(path + ": must be a mapping of tier0 … tier3 to a number of inputs");
            return NONE.moderationInputs();
        }
        Integer[] at = new Integer[TIERS];
        for (Map.Entry<?, ?> e : tiers.entrySet()) {
            String key = String.valueOf(e.getKey());
            int tier = key.matches("tier[0-3]") ? key.charAt(4) - '0' : -1;
            if (tier < 0) {
                problems.add(path + "." + key + ": unknown key (known: tier0, tier1, tier2, tier3)");
            } else {
                at[tier] = count(e.getValue(), path + "." + key, problems);
            }
        }
        List<Integer> out = new ArrayList<>(TIERS);
        int previous = 0;
        for (int t = 0; t < TIERS; t++) {
            previous = at[t] != null ? at[t] : previous;
            out.add(previous);
        }
        return out;
    }

    private static List<TierLimits> tiers(Map<?, ?> raw, String path, List<String> problems) {
        TierLimits[] at = new TierLimits[TIERS];
        for (Map.Entry<?, ?> e : raw.entrySet()) {
            String key = String.valueOf(e.getKey());
            int tier = key.matches("tier[0-3]") ? key.charAt(4) - '0' : -1;
            if (tier < 0) {
                problems.add(path + "." + key + ": unknown key (known: tier0, tier1, tier2, tier3)");
                continue;
            }
            if (!(e.getValue() instanceof Map<?, ?> limits)) {
                problems.add(path + "." + key + ": must be a mapping with " + String.join(", ", LIMIT_KEYS));
                continue;
            }
            at[tier] = limits(limits, path + "." + key, problems);
        }
        List<TierLimits> out = new ArrayList<>(TIERS);
        TierLimits previous = TierLimits.UNLIMITED;
        for (int t = 0; t < TIERS; t++) {
            previous = at[t] != null ? at[t] : previous;
            out.add(previous);
        }
        return out;
    }

    private static TierLimits limits(Map<?, ?> raw, String path, List<String> problems) {
        for (Object k : raw.keySet()) {
            if (!LIMIT_KEYS.contains(String.valueOf(k))) {
                problems.add(path + "." + k + ": unknown key (known: " + String.join(", ", LIMIT_KEYS) + ")");
            }
        }
        TierLimits limits = new TierLimits(count(raw.get("requests_per_s"), path + ".requests_per_s", problems),
                count(raw.get("concurrent"), path + ".concurrent", problems),
                count(raw.get("tokens_per_min"), path + ".tokens_per_min", problems),
                count(raw.get("tokens_per_day"), path + ".tokens_per_day", problems));
        if (limits.tokensPerDay() > 0 && limits.tokensPerDay() < limits.tokensPerMinute()) {
            problems.add(path + ".tokens_per_day: must be at least tokens_per_min (" + limits.tokensPerMinute()
                    + ") or 0, but was " + limits.tokensPerDay());
        }
        return limits;
    }

    private static int count(Object v, String path, List<String> problems) {
        if (v == null) {
            return 0;
        }
        if (!(v instanceof Number n) || n.longValue() < 0 || n.longValue() > 1_000_000_000 || n.doubleValue() != n.longValue()) {
            problems.add(path + ": must be a whole number between 0 and 1000000000, but was " + v);
            return 0;
        }
        return n.intValue();
    }
}
