package dev.rampart.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token usage reported by upstreams ({@code usage.prompt_tokens}, {@code usage.completion_tokens}), counted by model
 * and trust tier as {@code rampart_tokens_total{model, tier, kind="prompt"|"completion"}}. Model names come from
 * requests, so they are bounded: after {@value #MAX_MODELS} distinct names, further ones count as {@code other}.
 */
public final class TokenMeters {
    /** Distinct model tag values kept before new names count as {@code other}. */
    public static final int MAX_MODELS = 64;
    static final String OTHER = "other";

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Boolean> models = new ConcurrentHashMap<>();

    TokenMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Counts one reply's tokens; negative counts (absent from the reply) are not counted.
     *
     * @param model            the requested model (null: {@code unknown})
     * @param tier             the caller's trust tier
     * @param promptTokens     {@code usage.prompt_tokens}, or -1 when absent
     * @param completionTokens {@code usage.completion_tokens}, or -1 when absent
     */
    public void record(String model, int tier, long promptTokens, long completionTokens) {
        String modelTag = bounded(model == null ? "unknown" : model);
        String tierTag = Integer.toString(tier);
        if (promptTokens > 0) {
            counter(modelTag, tierTag, "prompt").increment(promptTokens);
        }
        if (completionTokens > 0) {
            counter(modelTag, tierTag, "completion").increment(completionTokens);
        }
    }

    private String bounded(String model) {
        if (models.containsKey(model)) {
            return model;
        }
        if (models.size() >= MAX_MODELS) {
            return OTHER;
        }
        models.putIfAbsent(model, Boolean.TRUE);
        return model;
    }

    private Counter counter(String model, String tier, String kind) {
        return counters.computeIfAbsent(model + '|' + tier + '|' + kind, k -> Counter.builder("rampart.tokens")
                .description("Tokens the upstreams reported using, by model, trust tier and kind (prompt, completion)")
                .baseUnit("tokens")
                .tag("model", model).tag("tier", tier).tag("kind", kind)
                .register(registry));
    }
}
