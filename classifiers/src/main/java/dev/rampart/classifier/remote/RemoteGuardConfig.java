package dev.rampart.classifier.remote;

import dev.rampart.classifier.config.ConfigReader;
import dev.rampart.classifier.runtime.ResilienceSettings;
import dev.rampart.policy.Category;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The configuration of one generic remote guard, an entry of the gateway's {@code classifiers.remote} list whose
 * {@code type} is {@value OpenAiModerationConfig#TYPE} or {@value HttpGuardConfig#TYPE} ({@code llama_guard} entries
 * are {@code llamaguard.LlamaGuardConfig}).
 */
public sealed interface RemoteGuardConfig permits OpenAiModerationConfig, HttpGuardConfig {
    /** Types {@link #parse} reads. */
    List<String> TYPES = List.of(OpenAiModerationConfig.TYPE, HttpGuardConfig.TYPE);

    /** The classifier's name in decisions, metrics and logs. */
    String name();

    /** Timeout, bulkhead and circuit breaker. */
    ResilienceSettings resilience();

    /**
     * A classifier for a policy's taxonomy, with a new HTTP client, the process environment and the system clock.
     *
     * @throws IllegalArgumentException when a mapped category is not in the taxonomy, none is scored, or a named
     *                                  environment variable is not set
     */
    RemoteGuard classifierFor(List<Category> taxonomy);

    /**
     * Reads an entry by its {@code type}.
     *
     * @param yaml the mapping
     * @param path where it is in the file, prefixed to every problem
     * @throws IllegalArgumentException listing every problem with its path
     */
    static RemoteGuardConfig parse(Map<String, ?> yaml, String path) {
        Object type = yaml == null ? null : yaml.get("type");
        if (OpenAiModerationConfig.TYPE.equals(type)) {
            return OpenAiModerationConfig.parse(yaml, path);
        }
        if (HttpGuardConfig.TYPE.equals(type)) {
            return HttpGuardConfig.parse(yaml, path);
        }
        throw new IllegalArgumentException(path + ".type: must be one of " + TYPES + ", but was " + type);
    }

    /** Environment variable names: letters, digits and underscores, not starting with a digit. */
    Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** Adds a problem unless {@code url} is an http or https URL with a host. */
    static void checkUrl(String key, URI url, List<String> problems) {
        if (url == null || url.getScheme() == null
                || !List.of("http", "https").contains(url.getScheme().toLowerCase(Locale.ROOT))
                || url.getHost() == null) {
            problems.add(key + " must be an http or https URL with a host, but was " + url);
        }
    }

    /** Reads {@code max_input_chars} and {@code max_chunks}, each at least 1 (problems reported on {@code r}). */
    static int[] chunking(ConfigReader r, int maxInputChars, int maxChunks) {
        int chars = r.integer("max_input_chars", maxInputChars);
        int chunks = r.integer("max_chunks", maxChunks);
        if (!r.failed("max_input_chars") && chars < 100) {
            r.problem("max_input_chars", "must be at least 100, but was " + chars);
        }
        if (!r.failed("max_chunks") && chunks < 1) {
            r.problem("max_chunks", "must be at least 1, but was " + chunks);
        }
        return new int[] {chars, chunks};
    }

    /**
     * The checks every remote guard's record makes of the settings they share; throws with all of {@code problems}
     * (the type's own ones first) when there are any.
     */
    static void requireValid(String type, List<String> problems, int maxInputChars, int maxChunks,
                             ResilienceSettings resilience) {
        if (maxInputChars < 100) {
            problems.add("max_input_chars must be at least 100, but was " + maxInputChars);
        }
        if (maxChunks < 1) {
            problems.add("max_chunks must be at least 1, but was " + maxChunks);
        }
        if (resilience == null) {
            problems.add("resilience must be set");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid " + type + " configuration: " + String.join("; ", problems));
        }
    }
}
