package dev.rampart.classifier.remote;

import dev.rampart.classifier.config.ConfigReader;
import dev.rampart.classifier.runtime.ResilienceSettings;
import dev.rampart.policy.Category;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How to reach an OpenAI-compatible moderation endpoint (OpenAI's own, or another Rampart) and read its categories.
 *
 * @param name          the classifier's name in decisions, metrics and logs
 * @param baseUrl       the server's OpenAI base URL, e.g. {@code https://api.openai.com/v1} ({@code /moderations} is
 *                      appended)
 * @param model         sent as {@code model} (e.g. {@code omni-moderation-latest}), or null to send none
 * @param apiKeyEnv     the environment variable holding the API key (sent as a bearer token), or null
 * @param categories    taxonomy id to the moderation category names whose highest score it takes; empty: the
 *                      inverse of the taxonomy's own {@code openai_categories}
 * @param maxInputChars longest piece of text sent as one input; longer text is sent as several inputs of one request
 * @param maxChunks     most inputs per request; text needing more is an {@code ERROR}
 * @param resilience    timeout (for the whole classification), bulkhead and circuit breaker
 */
public record OpenAiModerationConfig(String name, URI baseUrl, String model, String apiKeyEnv,
                                     Map<String, List<String>> categories, int maxInputChars, int maxChunks,
                                     ResilienceSettings resilience) implements RemoteGuardConfig {
    /** The {@code type} of this entry. */
    public static final String TYPE = "openai_moderation";
    public static final String DEFAULT_NAME = "openai-moderation";
    public static final int DEFAULT_MAX_INPUT_CHARS = 10_000;
    public static final int DEFAULT_MAX_CHUNKS = 16;
    /** Keys {@link #parse} accepts. */
    public static final List<String> KEYS = List.of("type", "name", "base_url", "model", "api_key_env", "categories",
            "max_input_chars", "max_chunks", "timeout_ms", "max_concurrent", "circuit_breaker");

    /** @throws IllegalArgumentException naming every problem */
    public OpenAiModerationConfig {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        if (categories != null) {
            categories.forEach((id, names) -> copy.put(id, names == null ? List.of() : List.copyOf(names)));
        }
        categories = java.util.Collections.unmodifiableMap(copy);
        List<String> problems = new ArrayList<>();
        if (name == null || name.isBlank()) {
            problems.add("name must not be blank");
        }
        RemoteGuardConfig.checkUrl("base_url", baseUrl, problems);
        if (model != null && model.isBlank()) {
            problems.add("model must not be blank when set");
        }
        if (apiKeyEnv != null && !ENV_NAME.matcher(apiKeyEnv).matches()) {
            problems.add("api_key_env must be an environment variable name, but was '" + apiKeyEnv + "'");
        }
        categories.forEach((id, names) -> {
            if (names.isEmpty() || names.stream().anyMatch(n -> n == null || n.isBlank())) {
                problems.add("categories." + id + " must be a non-empty list of moderation category names");
            }
        });
        RemoteGuardConfig.requireValid("openai_moderation", problems, maxInputChars, maxChunks, resilience);
    }

    /**
     * Taxonomy id to the moderation names it takes its score from: {@link #categories()} when set (every id must be in
     * the taxonomy), else each taxonomy category with {@code openai_categories}.
     *
     * @throws IllegalArgumentException when a configured id is not in the taxonomy, or no category is mapped
     */
    public Map<String, List<String>> mapping(List<Category> taxonomy) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (!categories.isEmpty()) {
            List<String> ids = taxonomy.stream().map(Category::id).toList();
            List<String> unknown = categories.keySet().stream().filter(id -> !ids.contains(id)).toList();
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("classifier " + name + ": categories " + unknown
                        + " are not in the policy's taxonomy " + ids);
            }
            out.putAll(categories);
        } else {
            taxonomy.stream().filter(c -> !c.openaiCategories().isEmpty())
                    .forEach(c -> out.put(c.id(), c.openaiCategories()));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("classifier " + name + ": no taxonomy category is mapped to a"
                    + " moderation category (give the policy's categories openai_categories, or set categories:)");
        }
        return out;
    }

    @Override
    public OpenAiModerationClassifier classifierFor(List<Category> taxonomy) {
        return new OpenAiModerationClassifier(this, taxonomy);
    }

    /**
     * Reads one entry of {@code classifiers.remote}:
     * <pre>
     * - type: openai_moderation
     *   name: openai-moderation
     *   base_url: https://api.openai.com/v1
     *   model: omni-moderation-latest   # optional
     *   api_key_env: OPENAI_API_KEY     # optional
     *   categories:                     # optional; default: the taxonomy's openai_categories, inverted
     *     S10: [hate, hate/threatening]
     *   # and the keys every remote guard shares: see {@link RemoteGuard}
     * </pre>
     *
     * @throws IllegalArgumentException listing every problem, each with its path
     */
    public static OpenAiModerationConfig parse(Map<String, ?> yaml, String path) {
        ConfigReader r = new ConfigReader(yaml, path);
        r.allow(KEYS);
        String name = r.string("name", DEFAULT_NAME);
        URI baseUrl = r.uri("base_url", "a URL");
        String model = r.string("model", null);
        String apiKeyEnv = r.string("api_key_env", null);
        Map<String, List<String>> categories = new LinkedHashMap<>();
        ConfigReader cats = r.child("categories");
        Object raw = r.raw("categories");
        if (raw instanceof Map<?, ?> m) {
            for (Object id : m.keySet()) {
                String key = String.valueOf(id);
                List<String> names = cats.strings(key, "moderation category names");
                if (names != null && names.isEmpty()) {
                    cats.problem(key, "must name at least one moderation category");
                } else if (names != null) {
                    categories.put(key, names);
                }
            }
        }
        int[] chunking = RemoteGuardConfig.chunking(r, DEFAULT_MAX_INPUT_CHARS, DEFAULT_MAX_CHUNKS);
        ResilienceSettings resilience = ResilienceSettings.read(r, ResilienceSettings.DEFAULTS);
        List<String> problems = new ArrayList<>(r.problems());
        if (problems.isEmpty()) {
            try {
                return new OpenAiModerationConfig(name, baseUrl, model, apiKeyEnv, categories, chunking[0],
                        chunking[1], resilience);
            } catch (IllegalArgumentException e) {
                problems.add(path + ": " + e.getMessage());
            }
        }
        throw new IllegalArgumentException(String.join("\n", problems));
    }
}
