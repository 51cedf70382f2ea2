package dev.rampart.classifier.llamaguard;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rampart.classifier.ClassificationInput;
import dev.rampart.classifier.Classifier;
import dev.rampart.classifier.onnx.ModelFiles;
import dev.rampart.classifier.Scorer;
import dev.rampart.classifier.runtime.JsonEndpoint;
import dev.rampart.classifier.runtime.Outcomes;
import dev.rampart.classifier.runtime.ResilientScorer;
import dev.rampart.policy.Category;
import dev.rampart.policy.ClassifierScores;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * Scores text with Llama Guard 3 served by vLLM or any OpenAI-compatible server, over {@link HttpClient} (non-blocking;
 * no Vert.x). See {@link LlamaGuardPrompt} for the prompt and how every turn is assessed, and {@link LlamaGuardAnswer}
 * for how an answer becomes P(unsafe).
 *
 * <p><b>Scores.</b> Per assessment: when the model answers {@code unsafe} and lists categories, each listed category
 * scores P(unsafe) and the others 0 (the model said which); {@code unsafe} without a list gives every category asked
 * about P(unsafe); {@code safe} gives every category asked about P(unsafe), which is below 0.5 — the model's residual
 * doubt, attributed conservatively to every category so a strict (low) threshold can still act on a borderline
 * {@code safe}. Over the assessments of one classification, each category takes its highest score. Llama Guard does
 * not locate text, so no spans are reported.
 *
 * <p><b>Cost.</b> A chat resends its history every turn; each assessment's answer is remembered (by the SHA-256 of
 * the exact request, up to {@code assessment_cache_size} answers for 10 minutes), so only new turns reach the server.
 *
 * <p><b>Failures.</b> A non-200 answer, a transport error, an unreadable answer (see {@link LlamaGuardAnswer}), a
 * conversation needing more than {@code max_assessments} requests, the timeout, an open circuit breaker or a full
 * bulkhead ({@link ResilientScorer}) each give an {@code ERROR} value; the stage always completes normally. Nothing
 * of the text is logged: only counts, status codes, categories and scores.
 */
public final class RemoteLlamaGuardClassifier implements Classifier {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteLlamaGuardClassifier.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LlamaGuardConfig config;
    private final LlamaGuardPrompt prompt;
    private final JsonEndpoint endpoint;
    private final List<String> covers;
    private final String revision;
    private final ResilientScorer<ClassificationInput, ClassifierScores> resilient;
    /** SHA-256 of a request body to that assessment's scores; null when turned off. */
    private final Cache<String, Map<String, Double>> assessments;

    /** With a new {@link HttpClient}, the process environment and the system clock. */
    public RemoteLlamaGuardClassifier(LlamaGuardConfig config, List<Category> taxonomy) {
        this(config, taxonomy, JsonEndpoint.client(config.resilience().timeout()), System::getenv, Clock.systemUTC());
    }

    /**
     * @param config      server, model, categories and limits
     * @param taxonomy    the policy's categories (names and descriptions are rendered into the prompt)
     * @param http        the HTTP client to send with
     * @param environment looks up {@code config.apiKeyEnv()}
     * @param clock       the circuit breaker's clock
     * @throws IllegalArgumentException when a configured category is not in the taxonomy, or the API key variable is
     *                                  named but not set
     */
    public RemoteLlamaGuardClassifier(LlamaGuardConfig config, List<Category> taxonomy, HttpClient http,
                                      Function<String, String> environment, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.prompt = new LlamaGuardPrompt(taxonomy, config);
        String base = config.baseUrl().toString();
        base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        URI uri = URI.create(base + (config.api() == LlamaGuardConfig.Api.CHAT ? "/chat/completions" : "/completions"));
        this.endpoint = new JsonEndpoint(http, uri, JsonEndpoint.apiKey(config.apiKeyEnv(), environment),
                config.resilience().timeout(), JsonEndpoint.DEFAULT_MAX_REPLY_BYTES);
        this.covers = prompt.categoryIds();
        this.revision = config.model() + "|" + config.variant() + "|" + config.api() + "|"
                + sha256(prompt.categoryBlock()).substring(0, 16);
        this.assessments = config.assessmentCacheSize() == 0 ? null : Caffeine.newBuilder()
                .maximumSize(config.assessmentCacheSize())
                .expireAfterWrite(Duration.ofMinutes(10))
                .executor(Runnable::run)
                .build();
        this.resilient = new ResilientScorer<>(Scorer.of(config.name(), this::assess),
                Outcomes.classifier(config.name(), covers), config.resilience(), clock);
    }

    @Override
    public String name() {
        return config.name();
    }

    /** Taxonomy ids this classifier scores. */
    public List<String> covers() {
        return covers;
    }

    /** Model, variant, API and a hash of the rendered categories: the cache revision of this classifier's results. */
    public String revision() {
        return revision;
    }

    /** The circuit breaker's state. */
    public CircuitBreaker.State circuitState() {
        return resilient.circuitState();
    }

    /** The prompt renderer (for inspection and tests). */
    public LlamaGuardPrompt prompt() {
        return prompt;
    }

    /**
     * Ready until closed. An open circuit breaker does not make the classifier unready: its calls then answer
     * {@code ERROR} at once and the policy's {@code on_error} applies, and a remote outage should not take every
     * gateway replica out of service. Watch {@link #circuitState()} instead.
     */
    @Override
    public boolean ready() {
        return resilient.ready();
    }

    @Override
    public CompletionStage<ClassifierScores> classify(ClassificationInput input) {
        return resilient.score(input);
    }

    @Override
    public void close() {
        resilient.close();
        if (assessments != null) {
            assessments.invalidateAll();
        }
    }

    /** The unprotected remote call: every assessment at once; {@link ResilientScorer} adds timeout, breaker and bulkhead. */
    private CompletionStage<ClassifierScores> assess(ClassificationInput input) {
        List<LlamaGuardPrompt.Assessment> assessments = prompt.assessments(input);
        if (assessments.isEmpty()) {
            Map<String, Double> zero = new LinkedHashMap<>();
            covers.forEach(id -> zero.put(id, 0.0));
            return CompletableFuture.completedFuture(ClassifierScores.ok(config.name(), zero, List.of(), covers));
        }
        if (assessments.size() > config.maxAssessments()) {
            return CompletableFuture.completedFuture(ClassifierScores.error(config.name(), covers,
                    "conversation needs " + assessments.size() + " assessments, more than max_assessments "
                            + config.maxAssessments()));
        }
        List<CompletableFuture<Map<String, Double>>> calls = new ArrayList<>(assessments.size());
        for (LlamaGuardPrompt.Assessment a : assessments) {
            calls.add(send(a));
        }
        CompletableFuture<ClassifierScores> result = new CompletableFuture<>();
        // a classification ended from outside (the time limiter gave up on it) cancels its HTTP exchanges
        result.whenComplete((r, t) -> {
            if (t != null) {
                calls.forEach(c -> c.cancel(true));
            }
        });
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).handle((ignored, failure) -> {
            if (failure != null) {
                calls.forEach(c -> c.cancel(true));
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                String reason = cause instanceof Failure f ? f.getMessage()
                        : "request failed: " + cause.getClass().getSimpleName();
                LOG.debug("llama guard {} failed: {}", config.name(), reason);
                return ClassifierScores.error(config.name(), covers, reason);
            }
            Map<String, Double> scores = new LinkedHashMap<>();
            covers.forEach(id -> scores.put(id, 0.0));
            for (CompletableFuture<Map<String, Double>> c : calls) {
                c.join().forEach((id, p) -> scores.merge(id, p, Math::max));
            }
            LOG.debug("llama guard {}: {} assessments, scores {}", config.name(), calls.size(), scores);
            return ClassifierScores.ok(config.name(), scores, List.of(), covers);
        }).thenAccept(result::complete);
        return result;
    }

    private CompletableFuture<Map<String, Double>> send(LlamaGuardPrompt.Assessment assessment) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", config.model());
        if (config.api() == LlamaGuardConfig.Api.CHAT) {
            body.set("messages", JSON.valueToTree(prompt.messages(assessment)));
            body.put("logprobs", true);
            body.put("top_logprobs", 5);
        } else {
            body.put("prompt", prompt.render(assessment));
            body.put("logprobs", 5);
        }
        body.put("max_tokens", config.maxTokens());
        body.put("temperature", 0);
        String json = body.toString();
        String key = assessments == null ? null : sha256(json);
        if (key != null) {
            Map<String, Double> known = assessments.getIfPresent(key);
            if (known != null) {
                return CompletableFuture.completedFuture(known);
            }
        }
        return endpoint.post(json, (response, failure) -> {
            if (failure != null) {
                throw new CompletionException(failure);
            }
            Map<String, Double> scores = Map.copyOf(scores(response));
            if (key != null) {
                assessments.put(key, scores);
            }
            return scores;
        });
    }

    private Map<String, Double> scores(HttpResponse<byte[]> response) {
        if (response.statusCode() != 200) {
            throw new Failure("llama guard server answered HTTP " + response.statusCode());
        }
        JsonNode json;
        try {
            json = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new Failure("llama guard answer is not JSON");
        }
        LlamaGuardAnswer.Verdict verdict;
        try {
            verdict = LlamaGuardAnswer.read(json, config.api(), prompt.codes().keySet());
        } catch (LlamaGuardAnswer.Unreadable e) {
            throw new Failure("unreadable llama guard answer: " + e.getMessage());
        }
        Map<String, Double> scores = new LinkedHashMap<>();
        if (verdict.unsafe() && !verdict.codes().isEmpty()) {
            covers.forEach(id -> scores.put(id, 0.0));
            for (String code : verdict.codes()) {
                scores.put(prompt.codes().get(code), verdict.pUnsafe());
            }
        } else {
            covers.forEach(id -> scores.put(id, verdict.pUnsafe()));
        }
        return scores;
    }

    private static String sha256(String s) {
        return ModelFiles.sha256(s.getBytes(StandardCharsets.UTF_8));
    }

    /** A failed assessment, with a text-free reason. */
    private static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message, null, false, false);
        }
    }
}
