package dev.rampart.gateway.policy;

import dev.rampart.policy.Action;
import dev.rampart.policy.CategoryFinding;
import dev.rampart.policy.Decision;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts, per category and direction, whether the shadow pack acted as the live pack did on the same text:
 * {@code rampart.shadow.comparisons{category, direction, agreement=agree|shadow_stricter|shadow_laxer}}. The agreement
 * rate of a category is {@code agree / sum}. Compares what each finding acts ({@link CategoryFinding#acted()}); a
 * category a pack has no rule for in the direction acts allow there. Tags are bounded by the taxonomy.
 */
public final class ShadowAgreement {
    public static final String METER = "rampart.shadow.comparisons";

    /** How the shadow's action on a category compares with the live one's. */
    public enum Agreement {
        AGREE, SHADOW_STRICTER, SHADOW_LAXER;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public ShadowAgreement(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Counts one comparison per category either decision evaluated; nothing when there is no shadow decision. */
    public void record(Decision live, Decision shadow) {
        if (live == null || shadow == null) {
            return;
        }
        compare(live, shadow).forEach((category, agreement) -> counter(live.direction().wireName(), category, agreement)
                .increment());
    }

    /** Per category, how the shadow's action compares with the live one's. Pure. */
    public static Map<String, Agreement> compare(Decision live, Decision shadow) {
        Map<String, Action> liveActs = acts(live);
        Map<String, Action> shadowActs = acts(shadow);
        Map<String, Agreement> out = new TreeMap<>();
        for (String category : union(liveActs, shadowActs)) {
            Action l = liveActs.getOrDefault(category, Action.ALLOW);
            Action s = shadowActs.getOrDefault(category, Action.ALLOW);
            out.put(category, l == s ? Agreement.AGREE
                    : s.ordinal() > l.ordinal() ? Agreement.SHADOW_STRICTER : Agreement.SHADOW_LAXER);
        }
        return out;
    }

    private static Map<String, Action> acts(Decision d) {
        Map<String, Action> out = new TreeMap<>();
        d.findings().forEach(f -> out.put(f.category(), f.acted()));
        return out;
    }

    private static java.util.Set<String> union(Map<String, Action> a, Map<String, Action> b) {
        java.util.Set<String> all = new java.util.TreeSet<>(a.keySet());
        all.addAll(b.keySet());
        return all;
    }

    private Counter counter(String direction, String category, Agreement agreement) {
        return counters.computeIfAbsent(direction + "|" + category + "|" + agreement, k -> Counter.builder(METER)
                .description("Live and shadow pack compared per category: agree, shadow_stricter or shadow_laxer")
                .tag("direction", direction)
                .tag("category", category)
                .tag("agreement", agreement.wireName())
                .register(registry));
    }
}
