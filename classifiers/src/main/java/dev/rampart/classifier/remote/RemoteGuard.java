package dev.rampart.classifier.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rampart.classifier.ClassificationInput;
import dev.rampart.classifier.Classifier;
import dev.rampart.classifier.Scorer;
import dev.rampart.classifier.runtime.Outcomes;
import dev.rampart.classifier.runtime.ResilienceSettings;
import dev.rampart.classifier.runtime.ResilientScorer;
import dev.rampart.policy.ClassifierScores;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the remote guards share: the text is cut into chunks of at most {@code maxInputChars} characters (a
 * classification needing more than {@code maxChunks} is an {@code ERROR}, so {@code on_error} applies, rather than
 * partly checked), the subclass scores the chunks, and each category takes its highest score over the chunks. Empty
 * text scores 0 without a call. A failed call — any status but 200, an unreadable answer, a transport error, the
 * timeout, an open breaker, a full bulkhead — is an {@code ERROR} value with a text-free reason; the stage always
 * completes normally. Nothing of the text is logged.
 *
 * <p>The configuration keys every remote guard shares (beside its own):
 * <pre>
 *   max_input_chars: 10000     # characters per chunk
 *   max_chunks: 8              # more chunks: an ERROR, never a partial check (openai_moderation: 16)
 *   timeout_ms: 2000
 *   max_concurrent: 64
 *   circuit_breaker: { failure_rate_threshold: 50, sliding_window: 20, minimum_calls: 10, open_ms: 15000 }
 * </pre>
 */
public abstract class RemoteGuard implements Classifier {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteGuard.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final List<String> covers;
    private final int maxInputChars;
    private final int maxChunks;
    private final ResilientScorer<ClassificationInput, ClassifierScores> resilient;

    RemoteGuard(String name, List<String> covers, int maxInputChars, int maxChunks, ResilienceSettings resilience,
                Clock clock) {
        this.name = name;
        this.covers = List.copyOf(covers);
        this.maxInputChars = maxInputChars;
        this.maxChunks = maxChunks;
        this.resilient = new ResilientScorer<>(Scorer.of(name, this::assess), Outcomes.classifier(name, this.covers),
                resilience, clock);
    }

    /**
     * Scores the chunks: each taxonomy id of {@link #covers()} to its highest score over them. A failure completes the
     * future exceptionally, with a {@link Failure} for a reason worth reporting.
     */
    abstract CompletableFuture<Map<String, Double>> scoreChunks(List<String> chunks);

    /** What the cached results of this classifier depend on besides the text: endpoint, mapping, template. */
    public abstract String revision();

    @Override
    public final String name() {
        return name;
    }

    /** Taxonomy ids this classifier scores. */
    public final List<String> covers() {
        return covers;
    }

    /** The circuit breaker's state. */
    public final CircuitBreaker.State circuitState() {
        return resilient.circuitState();
    }

    /** Ready until closed; an open breaker answers {@code ERROR} at once instead (see {@link ResilientScorer}). */
    @Override
    public final boolean ready() {
        return resilient.ready();
    }

    @Override
    public final CompletionStage<ClassifierScores> classify(ClassificationInput input) {
        return resilient.score(input);
    }

    @Override
    public void close() {
        resilient.close();
    }

    /** {@code text} cut into pieces of at most {@code max} characters, never splitting a surrogate pair. */
    static List<String> chunks(String text, int max) {
        List<String> out = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = Math.min(text.length(), start + max);
            if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1)) && end - 1 > start) {
                end--;
            }
            out.add(text.substring(start, end));
            start = end;
        }
        return out;
    }

    private CompletionStage<ClassifierScores> assess(ClassificationInput input) {
        List<String> chunks = chunks(input.text(), maxInputChars);
        if (chunks.isEmpty()) {
            Map<String, Double> zero = new LinkedHashMap<>();
            covers.forEach(id -> zero.put(id, 0.0));
            return CompletableFuture.completedFuture(ClassifierScores.ok(name, zero, List.of(), covers));
        }
        if (chunks.size() > maxChunks) {
            return CompletableFuture.completedFuture(ClassifierScores.error(name, covers, "text needs " + chunks.size()
                    + " chunks of max_input_chars " + maxInputChars + ", more than max_chunks " + maxChunks));
        }
        CompletableFuture<Map<String, Double>> call = scoreChunks(chunks);
        CompletableFuture<ClassifierScores> result = call.handle((scores, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                if (cause instanceof java.net.http.HttpTimeoutException) {
                    throw new CompletionException(cause); // the resilient wrapper words it as its own timeout
                }
                String reason = cause instanceof Failure f ? f.getMessage()
                        : "request failed: " + cause.getClass().getSimpleName();
                LOG.debug("remote guard {} failed: {}", name, reason);
                return ClassifierScores.error(name, covers, reason);
            }
            Map<String, Double> all = new LinkedHashMap<>();
            covers.forEach(id -> all.put(id, scores.getOrDefault(id, 0.0)));
            LOG.debug("remote guard {}: {} chunks, scores {}", name, chunks.size(), all);
            return ClassifierScores.ok(name, all, List.of(), covers);
        });
        // a classification ended from outside (the time limiter gave up on it) cancels the HTTP exchanges
        result.whenComplete((r, t) -> {
            if (t != null) {
                call.cancel(true);
            }
        });
        return result;
    }

    /**
     * The JSON of a {@code 200} answer (null for an empty body); any other status or a body that is not JSON is a
     * {@link Failure} naming the {@code server} ("… answered HTTP 503") or its {@code answer} ("… is not JSON").
     */
    static JsonNode jsonAnswer(HttpResponse<byte[]> response, String server, String answer) {
        if (response.statusCode() != 200) {
            throw new Failure(server + " answered HTTP " + response.statusCode());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new Failure(answer + " is not JSON");
        }
    }

    /** A failed call, with a text-free reason. */
    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message, null, false, false);
        }
    }
}
