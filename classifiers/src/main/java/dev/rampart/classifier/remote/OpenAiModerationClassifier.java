package dev.rampart.classifier.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rampart.classifier.runtime.JsonEndpoint;
import dev.rampart.policy.Category;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * Scores text with any OpenAI-compatible moderation endpoint ({@code POST <base_url>/moderations}): the chunks of a
 * text go as one request's {@code input} array, and each taxonomy category takes the highest {@code category_scores}
 * value among its mapped moderation names ({@link OpenAiModerationConfig#mapping}) over every result. An answer
 * without one {@code results} entry per input, or lacking a mapped name, or with a score that is not a number in
 * [0, 1], is an {@code ERROR} — a misspelt mapping fails loudly rather than scoring 0 forever. See {@link RemoteGuard}
 * for chunking and failures.
 */
public final class OpenAiModerationClassifier extends RemoteGuard {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OpenAiModerationConfig config;
    private final Map<String, List<String>> mapping;
    private final JsonEndpoint endpoint;

    /** With a new {@link HttpClient}, the process environment and the system clock. */
    public OpenAiModerationClassifier(OpenAiModerationConfig config, List<Category> taxonomy) {
        this(config, taxonomy, JsonEndpoint.client(config.resilience().timeout()), System::getenv, Clock.systemUTC());
    }

    /**
     * @param config      server, mapping and limits
     * @param taxonomy    the policy's categories
     * @param http        the HTTP client to send with
     * @param environment looks up {@code config.apiKeyEnv()}
     * @param clock       the circuit breaker's clock
     * @throws IllegalArgumentException when the mapping does not fit the taxonomy or the API key variable is not set
     */
    public OpenAiModerationClassifier(OpenAiModerationConfig config, List<Category> taxonomy, HttpClient http,
                                      Function<String, String> environment, Clock clock) {
        this(config, config.mapping(taxonomy), http, environment, clock);
    }

    private OpenAiModerationClassifier(OpenAiModerationConfig config, Map<String, List<String>> mapping,
                                       HttpClient http, Function<String, String> environment, Clock clock) {
        super(config.name(), List.copyOf(mapping.keySet()), config.maxInputChars(), config.maxChunks(),
                config.resilience(), clock);
        this.config = config;
        this.mapping = mapping;
        String base = config.baseUrl().toString();
        base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.endpoint = new JsonEndpoint(http, URI.create(base + "/moderations"),
                JsonEndpoint.apiKey(config.apiKeyEnv(), environment), config.resilience().timeout(),
                JsonEndpoint.DEFAULT_MAX_REPLY_BYTES);
    }

    /** Taxonomy id to the moderation names it reads. */
    public Map<String, List<String>> mapping() {
        return mapping;
    }

    /** The endpoint, mapping and model: the cache revision of this classifier's results. */
    @Override
    public String revision() {
        return endpoint.uri() + "|" + config.model() + "|" + mapping;
    }

    @Override
    CompletableFuture<Map<String, Double>> scoreChunks(List<String> chunks) {
        ObjectNode body = JSON.createObjectNode();
        if (config.model() != null) {
            body.put("model", config.model());
        }
        ArrayNode input = body.putArray("input");
        chunks.forEach(input::add);
        return endpoint.post(body.toString(), (response, failure) -> {
            if (failure != null) {
                throw new CompletionException(failure);
            }
            return read(response, chunks.size());
        });
    }

    private Map<String, Double> read(HttpResponse<byte[]> response, int inputs) {
        JsonNode json = jsonAnswer(response, "moderation endpoint", "moderation answer");
        JsonNode results = json == null ? null : json.get("results");
        if (results == null || !results.isArray() || results.size() != inputs) {
            throw new Failure("moderation answer must have " + inputs + " results");
        }
        Map<String, Double> scores = new LinkedHashMap<>();
        for (JsonNode result : results) {
            JsonNode categoryScores = result.get("category_scores");
            if (categoryScores == null || !categoryScores.isObject()) {
                throw new Failure("moderation result has no category_scores");
            }
            mapping.forEach((id, names) -> {
                for (String name : names) {
                    JsonNode score = categoryScores.get(name);
                    if (score == null || !score.isNumber()) {
                        throw new Failure("moderation result has no numeric score for '" + name + "'");
                    }
                    double p = score.doubleValue();
                    if (!(p >= 0.0 && p <= 1.0)) {
                        throw new Failure("moderation score for '" + name + "' is outside [0, 1]");
                    }
                    scores.merge(id, p, Math::max);
                }
            });
        }
        return scores;
    }
}
