package dev.rampart.trust.limits;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code limits:} section of {@code gateway.yaml}: per scope, per trust tier, requests per second and concurrent
 * requests (0 or absent: unlimited). Default: no limits. A tier without an entry inherits the next lower tier's.
 *
 * <pre>
 * limits:
 *   key:     { tier0: { requests_per_s: 5, concurrent: 4 }, tier3: { requests_per_s: 50, concurrent: 32 } }
 *   tenant:  { tier0: { requests_per_s: 100 } }
 *   subject: { tier0: { requests_per_s: 1, concurrent: 1 }, tier2: { requests_per_s: 10 } }
 * </pre>
 *
 * @param byScope for each limited scope, its limits at tiers 0 … 3
 */
public record LimitsConfig(Map<Scope, List<TierLimits>> byScope) {
    public static final int TIERS = 4;
    public static final LimitsConfig NONE = new LimitsConfig(Map.of());

    public LimitsConfig {
        byScope = Map.copyOf(byScope);
    }

    /** Whether any limit is configured. */
    public boolean any() {
        return byScope.values().stream().flatMap(List::stream).anyMatch(l -> !l.unlimited());
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
        for (Map.Entry<String, Object> e : raw.entrySet()) {
            String path = "limits." + e.getKey();
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
        return new Result(problems.isEmpty() ? new LimitsConfig(byScope) : null, problems);
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
                problems.add(path + "." + key + ": must be a mapping with requests_per_s and/or concurrent");
                continue;
            }
            for (Object k : limits.keySet()) {
                if (!Set.of("requests_per_s", "concurrent").contains(String.valueOf(k))) {
                    problems.add(path + "." + key + "." + k + ": unknown key (known: concurrent, requests_per_s)");
                }
            }
            at[tier] = new TierLimits(count(limits.get("requests_per_s"), path + "." + key + ".requests_per_s", problems),
                    count(limits.get("concurrent"), path + "." + key + ".concurrent", problems));
        }
        List<TierLimits> out = new ArrayList<>(TIERS);
        TierLimits previous = TierLimits.UNLIMITED;
        for (int t = 0; t < TIERS; t++) {
            previous = at[t] != null ? at[t] : previous;
            out.add(previous);
        }
        return out;
    }

    private static int count(Object v, String path, List<String> problems) {
        if (v == null) {
            return 0;
        }
        if (!(v instanceof Number n) || n.longValue() < 0 || n.longValue() > 1_000_000 || n.doubleValue() != n.longValue()) {
            problems.add(path + ": must be a whole number between 0 and 1000000, but was " + v);
            return 0;
        }
        return n.intValue();
    }
}
