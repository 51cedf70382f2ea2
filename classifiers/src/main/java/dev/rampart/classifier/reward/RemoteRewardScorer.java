package dev.rampart.classifier.reward;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.rampart.classifier.runtime.ResilientClassifier;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reward model behind HTTP: NVIDIA's reward API, vLLM's {@code /pooling} or {@code /classify}, or any JSON endpoint
 * ({@link RewardConfig.Type}). One request per response to score, sent with {@link HttpClient#sendAsync}; the reply is
 * buffered up to {@link #MAX_REPLY_BYTES} and read by the type's {@link RewardApi}.
 *
 * <p>Wrapped in {@link ResilientRewardScorer} (timeout, circuit breaker, bulkhead). Every failure is a value, never an
 * exception: a non-2xx status ({@code server answered HTTP 503}), a reply that is not JSON or lacks a configured
 * attribute or holds a non-numeric or non-finite value ({@code malformed reply: …}), a network failure
 * ({@code failed: ConnectException}), the timeout, an open breaker or a full bulkhead each give
 * {@link RewardScores#unscored}. Nothing of the prompt, the response or the reply is logged or put in an error: only
 * status codes, attribute names and scores.
 */
public final class RemoteRewardScorer implements RewardScorer {
    /** The longest reply read; a longer one is unscored. */
    public static final int MAX_REPLY_BYTES = 4 * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(RemoteRewardScorer.class);
    /** Python's {@code json.dumps} writes {@code NaN}; read it, so it is refused as "not a finite number". */
    private static final ObjectMapper READER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private final RewardConfig config;
    private final RewardApi api;
    private final HttpClient http;
    private final String apiKey;
    private final ResilientRewardScorer resilient;

    /** With a new {@link HttpClient}, the process environment and the system clock. */
    public RemoteRewardScorer(RewardConfig config) {
        this(config, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.resilience().timeout()).build(), System::getenv, Clock.systemUTC());
    }

    /**
     * @param config      endpoint, API shape, attributes and limits
     * @param http        the HTTP client to send with
     * @param environment looks up {@code config.apiKeyEnv()}
     * @param clock       the circuit breaker's clock, also used for latencies
     * @throws IllegalArgumentException when the API key variable is named but not set
     */
    public RemoteRewardScorer(RewardConfig config, HttpClient http, Function<String, String> environment, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.api = RewardApi.of(config);
        this.http = Objects.requireNonNull(http, "http");
        if (config.apiKeyEnv() != null) {
            String key = environment.apply(config.apiKeyEnv());
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException("api_key_env names " + config.apiKeyEnv()
                        + ", but that environment variable is not set");
            }
            this.apiKey = key.strip();
        } else {
            this.apiKey = null;
        }
        this.resilient = new ResilientRewardScorer(new Remote(), config.resilience(), clock);
    }

    @Override
    public String name() {
        return config.name();
    }

    /** The configuration this scorer was built from. */
    public RewardConfig config() {
        return config;
    }

    /** The attribute names every scored result has, in order. */
    public List<String> attributes() {
        return config.attributes();
    }

    /** The circuit breaker's state, for health and metrics. */
    public CircuitBreaker.State circuitState() {
        return resilient.circuitState();
    }

    /** Calls currently allowed to start before the bulkhead refuses. */
    public int availableConcurrentCalls() {
        return resilient.availableConcurrentCalls();
    }

    /** Ready until closed; an open breaker does not unready it (see {@link ResilientRewardScorer#ready()}). */
    @Override
    public boolean ready() {
        return resilient.ready();
    }

    @Override
    public CompletionStage<RewardScores> score(RewardInput input) {
        return resilient.score(Objects.requireNonNull(input, "input"));
    }

    @Override
    public void close() {
        resilient.close();
    }

    /** The unprotected remote call; {@link ResilientRewardScorer} adds timeout, breaker and bulkhead. */
    private final class Remote implements RewardScorer {
        @Override
        public String name() {
            return config.name();
        }

        @Override
        public CompletionStage<RewardScores> score(RewardInput input) {
            HttpRequest.Builder request = HttpRequest.newBuilder(config.url())
                    .timeout(config.resilience().timeout())
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(api.request(input).toString(), StandardCharsets.UTF_8));
            if (apiKey != null) {
                request.header("Authorization", "Bearer " + apiKey);
            }
            CompletableFuture<HttpResponse<byte[]>> exchange =
                    http.sendAsync(request.build(), BoundedBody.handler(MAX_REPLY_BYTES));
            CompletableFuture<RewardScores> result = exchange.handle((response, failure) -> failure == null
                    ? read(response) : failed(failure));
            // a call ended from outside (the time limiter gave up on it) aborts its HTTP exchange
            result.whenComplete((r, t) -> {
                if (t != null) {
                    exchange.cancel(true);
                }
            });
            return result;
        }
    }

    private RewardScores read(HttpResponse<byte[]> response) {
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            LOG.debug("reward scorer {}: server answered HTTP {}", config.name(), status);
            return RewardScores.unscored(config.name(), "server answered HTTP " + status);
        }
        JsonNode reply;
        try {
            reply = READER.readTree(response.body());
        } catch (IOException e) {
            return malformed("not JSON");
        }
        if (reply == null || !reply.isContainerNode()) {
            return malformed("not a JSON object");
        }
        Map<String, Double> scores;
        try {
            scores = api.read(reply);
        } catch (RewardApi.Malformed e) {
            return malformed(e.getMessage());
        }
        LOG.debug("reward scorer {}: {}", config.name(), scores);
        return RewardScores.scored(config.name(), scores);
    }

    private RewardScores malformed(String detail) {
        LOG.debug("reward scorer {}: malformed reply: {}", config.name(), detail);
        return RewardScores.unscored(config.name(), "malformed reply: " + detail);
    }

    private RewardScores failed(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof BoundedBody.TooLarge tooLarge) {
            return malformed(tooLarge.getMessage());
        }
        if (cause instanceof java.net.http.HttpTimeoutException) {
            // the request timeout equals the time limiter's; report it the same way
            throw new CompletionException(cause);
        }
        LOG.debug("reward scorer {}: request failed: {}", config.name(), cause.getClass().getSimpleName());
        return RewardScores.unscored(config.name(), "failed: " + cause.getClass().getSimpleName());
    }
}
