package dev.rampart.classifier.remote;

import com.fasterxml.jackson.core.JsonPointer;
import dev.rampart.classifier.config.ConfigReader;
import dev.rampart.classifier.runtime.ResilienceSettings;
import dev.rampart.policy.Category;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A generic remote guard: any JSON endpoint, asked with a request template and read with a JSON pointer per taxonomy
 * category.
 *
 * @param name            the classifier's name in decisions, metrics and logs
 * @param url             where to POST
 * @param requestTemplate the JSON body (text), whose string values may hold the {@value TextTemplate#PLACEHOLDER}
 *                        placeholder (at least once); the text is inserted JSON-escaped
 * @param scores          taxonomy id to the JSON pointer (RFC 6901) of its score in the answer: a number in [0, 1] or
 *                        a boolean (true = 1)
 * @param headers         extra request headers with literal values (no secrets: {@code Authorization} and other
 *                        credentials belong in {@code header_env})
 * @param headerEnv       extra request headers whose values are read from the named environment variables
 * @param apiKeyEnv       the environment variable holding a bearer key, or null
 * @param maxInputChars   longest piece of text per request; longer text is sent as several requests
 * @param maxChunks       most requests per classification; text needing more is an {@code ERROR}
 * @param resilience      timeout (for the whole classification), bulkhead and circuit breaker
 */
public record HttpGuardConfig(String name, URI url, String requestTemplate, Map<String, String> scores,
                              Map<String, String> headers, Map<String, String> headerEnv, String apiKeyEnv,
                              int maxInputChars, int maxChunks, ResilienceSettings resilience)
        implements RemoteGuardConfig {
    /** The {@code type} of this entry. */
    public static final String TYPE = "http";
    public static final String DEFAULT_NAME = "http-guard";
    public static final int DEFAULT_MAX_INPUT_CHARS = 10_000;
    public static final int DEFAULT_MAX_CHUNKS = 8;
    /** Keys {@link #parse} accepts. */
    public static final List<String> KEYS = List.of("type", "name", "url", "request_template", "scores", "headers",
            "header_env", "api_key_env", "max_input_chars", "max_chunks", "timeout_ms", "max_concurrent",
            "circuit_breaker");
    /** Header names that carry credentials and so may only come from {@code header_env} or {@code api_key_env}. */
    private static final List<String> SECRET_HEADERS = List.of("authorization", "proxy-authorization", "api-key",
            "x-api-key", "cookie");

    /** Headers the HTTP client sets itself (or refuses to let a caller set); the body's are JSON. */
    private static final List<String> FIXED_HEADERS = List.of("connection", "content-length", "expect", "host",
            "upgrade", "content-type", "accept");

    /** Why {@code header} cannot be configured, or null when it can; {@code literal}: given under {@code headers}. */
    private static String headerProblem(String header, boolean literal) {
        String lower = header.toLowerCase(Locale.ROOT);
        if (!header.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
            return "is not a valid header name";
        }
        if (FIXED_HEADERS.contains(lower)) {
            return "is set by Rampart and cannot be configured";
        }
        if (literal && SECRET_HEADERS.contains(lower)) {
            return "carries a credential: name its environment variable under header_env (or api_key_env) instead of"
                    + " writing it in the file";
        }
        return null;
    }

    /** @throws IllegalArgumentException naming every problem */
    public HttpGuardConfig {
        scores = scores == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(scores));
        headers = headers == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        headerEnv = headerEnv == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headerEnv));
        List<String> problems = new ArrayList<>();
        if (name == null || name.isBlank()) {
            problems.add("name must not be blank");
        }
        RemoteGuardConfig.checkUrl("url", url, problems);
        if (requestTemplate == null) {
            problems.add("request_template is required");
        } else {
            try {
                if (!TextTemplate.parse(requestTemplate).usesText()) {
                    problems.add("request_template must contain the " + TextTemplate.PLACEHOLDER + " placeholder");
                }
            } catch (IllegalArgumentException e) {
                problems.add("request_template " + e.getMessage());
            }
        }
        if (scores.isEmpty()) {
            problems.add("scores must map at least one taxonomy category to a JSON pointer");
        }
        scores.forEach((id, pointer) -> {
            if (pointer == null || !pointer.startsWith("/")) {
                problems.add("scores." + id + " must be a JSON pointer starting with '/', but was '" + pointer + "'");
            } else {
                try {
                    JsonPointer.compile(pointer);
                } catch (IllegalArgumentException e) {
                    problems.add("scores." + id + " must be a JSON pointer, but was '" + pointer + "'");
                }
            }
        });
        headers.forEach((header, value) -> {
            String problem = headerProblem(header, true);
            if (problem != null) {
                problems.add("headers." + header + " " + problem);
            }
            if (value == null) {
                problems.add("headers." + header + " must have a value");
            }
        });
        headerEnv.forEach((header, variable) -> {
            String problem = headerProblem(header, false);
            if (problem != null) {
                problems.add("header_env." + header + " " + problem);
            }
            if (variable == null || !ENV_NAME.matcher(variable).matches()) {
                problems.add("header_env." + header + " must be an environment variable name, but was '"
                        + variable + "'");
            }
        });
        if (apiKeyEnv != null && !ENV_NAME.matcher(apiKeyEnv).matches()) {
            problems.add("api_key_env must be an environment variable name, but was '" + apiKeyEnv + "'");
        }
        RemoteGuardConfig.requireValid("http guard", problems, maxInputChars, maxChunks, resilience);
    }

    /**
     * Parses a {@code type: http} entry of {@code classifiers.remote}, for example:
     * <pre>
     * - type: http
     *   name: my-guard
     *   url: http://127.0.0.1:9000/check
     *   request_template: '{"text": "${text}"}'   # or a YAML mapping
     *   scores: { S1: /result/violence, S10: /result/hate }
     *   headers: { X-Team: search }                # optional, literal values (no credentials)
     *   header_env: { X-Api-Key: GUARD_KEY }       # optional, values from environment variables
     *   api_key_env: GUARD_TOKEN                   # optional bearer token
     *   # and the keys every remote guard shares: see {@link RemoteGuard}
     * </pre>
     *
     * Every problem is reported, each with its path, in one {@code IllegalArgumentException}.
     */
    public static HttpGuardConfig parse(Map<String, ?> yaml, String path) {
        ConfigReader r = new ConfigReader(yaml, path);
        r.allow(KEYS);
        String name = r.string("name", DEFAULT_NAME);
        URI url = r.uri("url", "a URL");
        String template = null;
        Object rawTemplate = r.raw("request_template");
        if (rawTemplate == null) {
            r.problem("request_template", "is required: the JSON body, with " + TextTemplate.PLACEHOLDER
                    + " where the text goes");
        } else if (rawTemplate instanceof String s) {
            template = s;
        } else if (rawTemplate instanceof Map<?, ?> || rawTemplate instanceof List<?>) {
            try {
                template = TextTemplate.toJson(rawTemplate);
            } catch (IllegalArgumentException e) {
                r.problem("request_template", e.getMessage());
            }
        } else {
            r.problem("request_template", "must be JSON text or a mapping, but was " + rawTemplate);
        }
        if (template != null) {
            try {
                if (!TextTemplate.parse(template).usesText()) {
                    r.problem("request_template", "must contain the " + TextTemplate.PLACEHOLDER + " placeholder");
                }
            } catch (IllegalArgumentException e) {
                r.problem("request_template", e.getMessage());
            }
        }
        Map<String, String> scores = r.labelMap("scores", "a JSON pointer");
        if (scores == null && !r.failed("scores")) {
            r.problem("scores", "is required: a JSON pointer per taxonomy category");
        } else if (scores != null) {
            ConfigReader s = r.child("scores");
            scores.forEach((id, pointer) -> {
                if (!pointer.startsWith("/")) {
                    s.problem(id, "must be a JSON pointer starting with '/', but was '" + pointer + "'");
                } else {
                    try {
                        JsonPointer.compile(pointer);
                    } catch (IllegalArgumentException e) {
                        s.problem(id, "must be a JSON pointer, but was '" + pointer + "'");
                    }
                }
            });
        }
        Map<String, String> headers = r.stringMap("headers");
        if (headers != null) {
            ConfigReader h = r.child("headers");
            headers.keySet().forEach(k -> {
                String problem = headerProblem(k, true);
                if (problem != null) {
                    h.problem(k, problem);
                }
            });
        }
        Map<String, String> headerEnv = r.stringMap("header_env");
        if (headerEnv != null) {
            ConfigReader h = r.child("header_env");
            headerEnv.forEach((k, v) -> {
                String problem = headerProblem(k, false);
                if (problem != null) {
                    h.problem(k, problem);
                }
                if (!ENV_NAME.matcher(v).matches()) {
                    h.problem(k, "must be an environment variable name, but was '" + v + "'");
                }
            });
        }
        String apiKeyEnv = r.string("api_key_env", null);
        int[] chunking = RemoteGuardConfig.chunking(r, DEFAULT_MAX_INPUT_CHARS, DEFAULT_MAX_CHUNKS);
        ResilienceSettings resilience = ResilienceSettings.read(r, ResilienceSettings.DEFAULTS);
        List<String> problems = new ArrayList<>(r.problems());
        if (problems.isEmpty()) {
            try {
                return new HttpGuardConfig(name, url, template, scores, headers, headerEnv, apiKeyEnv, chunking[0],
                        chunking[1], resilience);
            } catch (IllegalArgumentException e) {
                problems.add(path + ": " + e.getMessage());
            }
        }
        throw new IllegalArgumentException(String.join("\n", problems));
    }

    @Override
    public HttpGuardClassifier classifierFor(List<Category> taxonomy) {
        return new HttpGuardClassifier(this, taxonomy);
    }
}
