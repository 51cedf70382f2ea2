package dev.rampart.classifier.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rampart.classifier.runtime.JsonEndpoint;
import dev.rampart.policy.Category;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * Scores text with any JSON endpoint ({@code type: http}): one POST per chunk, the body rendered from
 * {@link HttpGuardConfig#requestTemplate()} with the chunk in place of {@value TextTemplate#PLACEHOLDER}, and each
 * taxonomy category read at its JSON pointer in the answer — a number in [0, 1], or a boolean (true = 1). A missing
 * or other value is an {@code ERROR}, as is any status but 200. Over the chunks each category takes its highest
 * score. See {@link RemoteGuard} for chunking and failures.
 */
public final class HttpGuardClassifier extends RemoteGuard {

    private final HttpGuardConfig config;
    private final TextTemplate template;
    private final JsonEndpoint endpoint;

    /** With a new {@link HttpClient}, the process environment and the system clock. */
    public HttpGuardClassifier(HttpGuardConfig config, List<Category> taxonomy) {
        this(config, taxonomy, JsonEndpoint.client(config.resilience().timeout()), System::getenv, Clock.systemUTC());
    }

    /**
     * @param config      endpoint, template, pointers and limits
     * @param taxonomy    the policy's categories (every id of {@code scores} must be one)
     * @param http        the HTTP client to send with
     * @param environment looks up {@code api_key_env} and {@code header_env}
     * @param clock       the circuit breaker's clock
     * @throws IllegalArgumentException when a scored id is not in the taxonomy or a named variable is not set
     */
    public HttpGuardClassifier(HttpGuardConfig config, List<Category> taxonomy, HttpClient http,
                               Function<String, String> environment, Clock clock) {
        super(config.name(), checked(config, taxonomy), config.maxInputChars(), config.maxChunks(),
                config.resilience(), clock);
        this.config = config;
        this.template = TextTemplate.parse(config.requestTemplate());
        Map<String, String> headers = new LinkedHashMap<>(config.headers());
        config.headerEnv().forEach((header, variable) -> {
            String value = environment.apply(variable);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("classifier " + config.name() + ": header_env." + header
                        + " names " + variable + ", but that environment variable is not set");
            }
            headers.put(header, value.strip());
        });
        this.endpoint = new JsonEndpoint(http, config.url(), JsonEndpoint.apiKey(config.apiKeyEnv(), environment),
                config.resilience().timeout(), JsonEndpoint.DEFAULT_MAX_REPLY_BYTES, headers);
    }

    private static List<String> checked(HttpGuardConfig config, List<Category> taxonomy) {
        List<String> ids = taxonomy.stream().map(Category::id).toList();
        List<String> unknown = config.scores().keySet().stream().filter(id -> !ids.contains(id)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("classifier " + config.name() + ": scores " + unknown
                    + " are not in the policy's taxonomy " + ids);
        }
        return List.copyOf(config.scores().keySet());
    }

    /** The URL, template and pointers: the cache revision of this classifier's results. */
    @Override
    public String revision() {
        return config.url() + "|" + config.requestTemplate() + "|" + config.scores();
    }

    @Override
    CompletableFuture<Map<String, Double>> scoreChunks(List<String> chunks) {
        List<CompletableFuture<Map<String, Double>>> calls = new ArrayList<>(chunks.size());
        for (String chunk : chunks) {
            calls.add(endpoint.post(template.render(chunk), (response, failure) -> {
                if (failure != null) {
                    throw new CompletionException(failure);
                }
                return read(response);
            }));
        }
        CompletableFuture<Map<String, Double>> all = CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new))
                .thenApply(ignored -> {
                    Map<String, Double> scores = new LinkedHashMap<>();
                    calls.forEach(c -> c.join().forEach((id, p) -> scores.merge(id, p, Math::max)));
                    return scores;
                });
        all.whenComplete((r, t) -> {
            if (t != null) {
                calls.forEach(c -> c.cancel(true));
            }
        });
        return all;
    }

    private Map<String, Double> read(HttpResponse<byte[]> response) {
        JsonNode json = jsonAnswer(response, "guard", "guard answer");
        if (json == null) {
            throw new Failure("guard answer is empty");
        }
        Map<String, Double> scores = new LinkedHashMap<>();
        config.scores().forEach((id, pointer) -> {
            JsonNode value = json.at(pointer);
            double p;
            if (value.isNumber()) {
                p = value.doubleValue();
            } else if (value.isBoolean()) {
                p = value.booleanValue() ? 1.0 : 0.0;
            } else {
                throw new Failure("guard answer has no number or boolean at " + pointer);
            }
            if (!(p >= 0.0 && p <= 1.0)) {
                throw new Failure("guard score at " + pointer + " is outside [0, 1]");
            }
            scores.put(id, p);
        });
        return scores;
    }
}
