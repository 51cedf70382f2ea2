package dev.rampart.classifier.reward;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.rampart.classifier.Scorer;
import dev.rampart.classifier.runtime.BoundedBody;
import dev.rampart.classifier.runtime.JsonEndpoint;
import dev.rampart.classifier.runtime.ResilientScorer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reward model behind HTTP: NVIDIA's reward API, vLLM's {@code /pooling} or {@code /classify}, or any JSON endpoint
 * ({@link RewardConfig.Type}). One request per response to score, sent through a {@link JsonEndpoint}; the reply is
 * buffered up to {@link #MAX_REPLY_BYTES} and read by the type's {@link RewardApi}.
 *
 * <p>Wrapped in {@link ResilientScorer} (timeout, circuit breaker, bulkhead). Every failure is a value, never an
 * exception: a non-2xx status ({@code server answered HTTP 503}), a reply that is not JSON or lacks a configured
 * attribute or holds a non-numeric or non-finite value ({@code malformed reply: …}), a network failure
 * ({@code failed: ConnectException}), the timeout, an open breaker or a full bulkhead each give
 * {@link RewardScores#unscored}. Nothing of the prompt, the response or the reply is logged or put in an error: only
 * status codes, attribute names and scores.
 */
public final class RemoteRewardScorer implements RewardScorer {
    /** The longest reply read; a longer one is unscored. */
    public static final int MAX_REPLY_BYTES = JsonEndpoint.DEFAULT_MAX_REPLY_BYTES;

    private static final Logger LOG = LoggerFactory.getLogger(RemoteRewardScorer.class);
    /** Python's {@code json.dumps} writes {@code NaN}; read it, so it is refused as "not a finite number". */
    private static final ObjectMapper READER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private final RewardConfig config;
    private final RewardApi api;
    private final JsonEndpoint endpoint;
    private final ResilientScorer<RewardInput, RewardScores> resilient;

    /** With a new {@link HttpClient}, the process environment and the system clock. */
    public RemoteRewardScorer(RewardConfig config) {
        this(config, JsonEndpoint.client(config.resilience().timeout()), System::getenv, Clock.systemUTC());
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
        this.endpoint = new JsonEndpoint(http, config.url(), JsonEndpoint.apiKey(config.apiKeyEnv(), environment),
                config.resilience().timeout(), MAX_REPLY_BYTES);
        this.resilient = new ResilientScorer<>(Scorer.of(config.name(), this::call), RewardScorer.outcomes(config.name()),
                config.resilience(), clock);
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

    /** Ready until closed; an open breaker does not unready it (see {@link ResilientScorer}). */
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

    /** The unprotected remote call; {@link ResilientScorer} adds timeout, breaker and bulkhead. */
    private CompletionStage<RewardScores> call(RewardInput input) {
        return endpoint.post(api.request(input).toString(),
                (response, failure) -> failure == null ? read(response) : failed(failure));
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

    private RewardScores failed(Throwable cause) {
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
