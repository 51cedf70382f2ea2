package dev.rampart.classifier.llamaguard;

import dev.rampart.classifier.config.ConfigReader;
import dev.rampart.classifier.runtime.ResilienceSettings;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How to reach and prompt a Llama Guard 3 model served by vLLM or any OpenAI-compatible server.
 *
 * @param name                  the classifier's name in decisions, metrics and logs
 * @param baseUrl               the server's OpenAI base URL, e.g. {@code http://127.0.0.1:8000/v1}
 *                              ({@code /completions} or {@code /chat/completions} is appended)
 * @param model                 the served model name, e.g. {@code meta-llama/Llama-Guard-3-8B}
 * @param apiKeyEnv             the environment variable holding the server's API key (sent as a bearer token), or
 *                              null for none; the key itself is never part of the configuration
 * @param variant               the model size: the 1B model's taxonomy has no S14
 * @param api                   {@link Api#COMPLETIONS}: Rampart renders the Llama Guard prompt itself from the policy's
 *                              taxonomy and sends it raw; {@link Api#CHAT}: the server applies the model's chat
 *                              template (with the model's built-in S1–S14 list; the policy's names and descriptions
 *                              are then not used)
 * @param categories            taxonomy ids to ask about; empty: every {@code S<n>} id of the taxonomy (without S14
 *                              for the 1B variant)
 * @param categoryDescriptions  render each category's description under its {@code S<n>: Name.} line (categories
 *                              that are not Llama Guard's own {@code S1}–{@code S14} always get theirs)
 * @param maxTokens             the answer's token budget ({@code unsafe\nS1,S2,…} fits in 20)
 * @param maxTurnChars          longest text sent per assessment; a longer turn is assessed in several chunks
 * @param contextTurns          how many preceding turns are shown as context when a turn is assessed
 * @param maxAssessments        most assessments (requests) per classification; a conversation needing more is an
 *                              {@code ERROR} (so {@code on_error} applies) rather than partly checked
 * @param assessmentCacheSize   how many single-assessment answers are remembered (keyed by the SHA-256 of the exact
 *                              request), so a chat's earlier turns are not re-sent every turn; 0 turns it off
 * @param resilience            timeout (for the whole classification), bulkhead and circuit breaker
 */
public record LlamaGuardConfig(
        String name,
        URI baseUrl,
        String model,
        String apiKeyEnv,
        Variant variant,
        Api api,
        List<String> categories,
        boolean categoryDescriptions,
        int maxTokens,
        int maxTurnChars,
        int contextTurns,
        int maxAssessments,
        int assessmentCacheSize,
        ResilienceSettings resilience) {

    /** Which Llama Guard 3 model. */
    public enum Variant {
        /** Llama Guard 3 8B: categories S1–S14. */
        LLAMA_GUARD_3_8B,
        /** Llama Guard 3 1B: categories S1–S13 (no Code Interpreter Abuse). */
        LLAMA_GUARD_3_1B
    }

    /** Which OpenAI endpoint. */
    public enum Api {
        /** {@code POST /completions} with the rendered prompt and {@code logprobs: 5}. */
        COMPLETIONS,
        /** {@code POST /chat/completions} with messages and {@code logprobs: true, top_logprobs: 5}. */
        CHAT
    }

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public LlamaGuardConfig {
        categories = categories == null ? List.of() : List.copyOf(categories);
        List<String> problems = new ArrayList<>();
        if (name == null || name.isBlank()) {
            problems.add("name must not be blank");
        }
        if (baseUrl == null || baseUrl.getScheme() == null
                || !List.of("http", "https").contains(baseUrl.getScheme().toLowerCase(Locale.ROOT))
                || baseUrl.getHost() == null) {
            problems.add("base_url must be an http or https URL with a host, but was " + baseUrl);
        }
        if (model == null || model.isBlank()) {
            problems.add("model must not be blank");
        }
        if (apiKeyEnv != null && !ENV_NAME.matcher(apiKeyEnv).matches()) {
            problems.add("api_key_env must be an environment variable name, but was '" + apiKeyEnv + "'");
        }
        if (variant == null) {
            problems.add("variant must be set");
        }
        if (api == null) {
            problems.add("api must be set");
        }
        if (variant == Variant.LLAMA_GUARD_3_1B && categories.contains("S14")) {
            problems.add("categories must not include S14 for Llama Guard 3 1B, whose taxonomy ends at S13");
        }
        if (maxTokens < 5 || maxTokens > 256) {
            problems.add("max_tokens must be between 5 and 256, but was " + maxTokens);
        }
        if (maxTurnChars < 100) {
            problems.add("max_turn_chars must be at least 100, but was " + maxTurnChars);
        }
        if (contextTurns < 0) {
            problems.add("context_turns must be at least 0, but was " + contextTurns);
        }
        if (maxAssessments < 1) {
            problems.add("max_assessments must be at least 1, but was " + maxAssessments);
        }
        if (assessmentCacheSize < 0) {
            problems.add("assessment_cache_size must be at least 0, but was " + assessmentCacheSize);
        }
        if (resilience == null) {
            problems.add("resilience must be set");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid Llama Guard configuration: " + String.join("; ", problems));
        }
    }

    /**
     * Reads a configuration from parsed YAML, e.g. one entry of the gateway's {@code classifiers.remote} list:
     * <pre>
     * - type: llama_guard            # ignored here; the gateway dispatches on it
     *   name: llama-guard
     *   base_url: http://127.0.0.1:8000/v1
     *   model: meta-llama/Llama-Guard-3-8B
     *   api_key_env: GUARD_API_KEY   # optional
     *   variant: 8b                  # 8b | 1b
     *   api: completions             # completions | chat
     *   categories: [S1, S9]         # optional; default every S&lt;n&gt; of the taxonomy
     *   category_descriptions: false
     *   max_tokens: 20
     *   max_turn_chars: 12000
     *   context_turns: 4
     *   max_assessments: 16
     *   assessment_cache_size: 10000
     *   timeout_ms: 2000
     *   max_concurrent: 64
     *   circuit_breaker: { failure_rate_threshold: 50, sliding_window: 20, minimum_calls: 10, open_ms: 15000 }
     * </pre>
     * Absent keys take the {@link Builder} defaults; unknown keys are refused.
     *
     * @param yaml the mapping
     * @param path where it is in the file (e.g. {@code classifiers.remote[0]}), prefixed to every problem
     * @throws IllegalArgumentException listing every problem, each with its path and the value found
     */
    public static LlamaGuardConfig parse(java.util.Map<String, ?> yaml, String path) {
        ConfigReader r = new ConfigReader(yaml, path);
        r.allow(List.of("type", "name", "base_url", "model", "api_key_env", "variant", "api", "categories",
                "category_descriptions", "max_tokens", "max_turn_chars", "context_turns", "max_assessments",
                "assessment_cache_size", "timeout_ms", "max_concurrent", "circuit_breaker"));
        Builder b = new Builder(r.uri("base_url", "a URL"), r.string("model", null));
        b.name(r.string("name", b.name));
        b.apiKeyEnv(r.string("api_key_env", null));
        String variant = r.string("variant", "8b");
        switch (variant.toLowerCase(Locale.ROOT)) {
            case "8b" -> b.variant(Variant.LLAMA_GUARD_3_8B);
            case "1b" -> b.variant(Variant.LLAMA_GUARD_3_1B);
            default -> r.problem("variant", "must be 8b or 1b, but was '" + variant + "'");
        }
        String api = r.string("api", "completions");
        switch (api.toLowerCase(Locale.ROOT)) {
            case "completions" -> b.api(Api.COMPLETIONS);
            case "chat" -> b.api(Api.CHAT);
            default -> r.problem("api", "must be completions or chat, but was '" + api + "'");
        }
        List<String> categories = r.strings("categories", "category ids");
        b.categories(categories == null ? List.of() : categories);
        b.categoryDescriptions(r.bool("category_descriptions", false));
        b.maxTokens(r.integer("max_tokens", b.maxTokens));
        b.maxTurnChars(r.integer("max_turn_chars", b.maxTurnChars));
        b.contextTurns(r.integer("context_turns", b.contextTurns));
        b.maxAssessments(r.integer("max_assessments", b.maxAssessments));
        b.assessmentCacheSize(r.integer("assessment_cache_size", b.assessmentCacheSize));
        ResilienceSettings resilience = ResilienceSettings.read(r, ResilienceSettings.DEFAULTS);
        if (resilience != null) {
            b.resilience(resilience);
        }
        List<String> problems = new ArrayList<>(r.problems()); // the circuit breaker's problems included
        if (problems.isEmpty()) {
            try {
                return b.build();
            } catch (IllegalArgumentException e) {
                problems.add(path + ": " + e.getMessage());
            }
        }
        throw new IllegalArgumentException(String.join("\n", problems));
    }

    /** Typed reads from a YAML mapping, collecting problems with their paths. */

    /** A builder with the defaults for everything but the server and model. */
    public static Builder builder(URI baseUrl, String model) {
        return new Builder(baseUrl, model);
    }

    /** Defaults: name {@code llama-guard}, 8B, completions API, every {@code S<n>} category, no descriptions, 20 tokens, 12,000 chars per turn, 4 context turns, 16 assessments, 10,000 cached assessments, {@link ResilienceSettings#DEFAULTS}. */
    public static final class Builder {
        private String name = "llama-guard";
        private final URI baseUrl;
        private final String model;
        private String apiKeyEnv;
        private Variant variant = Variant.LLAMA_GUARD_3_8B;
        private Api api = Api.COMPLETIONS;
        private List<String> categories = List.of();
        private boolean categoryDescriptions;
        private int maxTokens = 20;
        private int maxTurnChars = 12_000;
        private int contextTurns = 4;
        private int maxAssessments = 16;
        private int assessmentCacheSize = 10_000;
        private ResilienceSettings resilience = ResilienceSettings.DEFAULTS;

        private Builder(URI baseUrl, String model) {
            this.baseUrl = baseUrl;
            this.model = model;
        }

        public Builder name(String value) {
            this.name = value;
            return this;
        }

        public Builder apiKeyEnv(String value) {
            this.apiKeyEnv = value;
            return this;
        }

        public Builder variant(Variant value) {
            this.variant = value;
            return this;
        }

        public Builder api(Api value) {
            this.api = value;
            return this;
        }

        public Builder categories(List<String> value) {
            this.categories = value;
            return this;
        }

        public Builder categoryDescriptions(boolean value) {
            this.categoryDescriptions = value;
            return this;
        }

        public Builder maxTokens(int value) {
            this.maxTokens = value;
            return this;
        }

        public Builder maxTurnChars(int value) {
            this.maxTurnChars = value;
            return this;
        }

        public Builder contextTurns(int value) {
            this.contextTurns = value;
            return this;
        }

        public Builder maxAssessments(int value) {
            this.maxAssessments = value;
            return this;
        }

        public Builder assessmentCacheSize(int value) {
            this.assessmentCacheSize = value;
            return this;
        }

        public Builder resilience(ResilienceSettings value) {
            this.resilience = value;
            return this;
        }

        public LlamaGuardConfig build() {
            return new LlamaGuardConfig(name, baseUrl, model, apiKeyEnv, variant, api, categories, categoryDescriptions,
                    maxTokens, maxTurnChars, contextTurns, maxAssessments, assessmentCacheSize, resilience);
        }
    }
}
