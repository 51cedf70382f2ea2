package dev.rampart.classifier.runtime;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One remote model endpoint spoken to with JSON over {@link HttpClient} (non-blocking; no Vert.x), shared by the
 * remote classifiers and reward scorers: a POST with a request timeout, an optional bearer key read from the
 * environment, and a reply buffered up to a bound ({@link BoundedBody}; a longer reply fails the call with
 * {@link BoundedBody.TooLarge}). Callers read the reply themselves and put the call under a {@link ResilientScorer}.
 * Nothing of a body is logged here.
 */
public final class JsonEndpoint {
    /** The longest reply read by default; a longer one fails the call. */
    public static final int DEFAULT_MAX_REPLY_BYTES = 4 * 1024 * 1024;

    private final HttpClient http;
    private final URI uri;
    private final String apiKey;
    private final Duration timeout;
    private final int maxReplyBytes;
    private final Map<String, String> headers;

    /**
     * @param http          the client to send with
     * @param uri           where to POST
     * @param apiKey        sent as a bearer token, or null
     * @param timeout       the request timeout (a late reply fails with {@link java.net.http.HttpTimeoutException})
     * @param maxReplyBytes the longest reply read
     */
    public JsonEndpoint(HttpClient http, URI uri, String apiKey, Duration timeout, int maxReplyBytes) {
        this(http, uri, apiKey, timeout, maxReplyBytes, Map.of());
    }

    /**
     * As {@link #JsonEndpoint(HttpClient, URI, String, Duration, int)}, sending {@code headers} with every request
     * too (after {@code Content-Type} and {@code Accept}; the bearer key, when set, wins over an
     * {@code Authorization} header).
     */
    public JsonEndpoint(HttpClient http, URI uri, String apiKey, Duration timeout, int maxReplyBytes,
                        Map<String, String> headers) {
        this.headers = Map.copyOf(Objects.requireNonNull(headers, "headers"));
        this.http = Objects.requireNonNull(http, "http");
        this.uri = Objects.requireNonNull(uri, "uri");
        this.apiKey = apiKey;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (maxReplyBytes < 1) {
            throw new IllegalArgumentException("maxReplyBytes must be at least 1, but was " + maxReplyBytes);
        }
        this.maxReplyBytes = maxReplyBytes;
    }

    /** A new HTTP/1.1 client that gives up connecting after {@code connectTimeout}. */
    public static HttpClient client(Duration connectTimeout) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout).build();
    }

    /**
     * The API key in the environment variable {@code variable} (stripped), or null when no variable is named.
     *
     * @throws IllegalArgumentException when the variable is named but not set
     */
    public static String apiKey(String variable, Function<String, String> environment) {
        if (variable == null) {
            return null;
        }
        String key = environment.apply(variable);
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("api_key_env names " + variable
                    + ", but that environment variable is not set");
        }
        return key.strip();
    }

    /** Where this endpoint POSTs. */
    public URI uri() {
        return uri;
    }

    /**
     * POSTs {@code json} and reads the outcome with {@code reply}: given the reply (any status) and null, or null and
     * the failure (a transport failure, {@link java.net.http.HttpTimeoutException}, {@link BoundedBody.TooLarge}).
     * What {@code reply} throws fails the returned future. Cancelling or otherwise completing the returned future from
     * outside (a time limiter giving up) aborts the exchange.
     */
    public <T> CompletableFuture<T> post(String json, BiFunction<HttpResponse<byte[]>, Throwable, T> reply) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        headers.forEach(request::setHeader);
        if (apiKey != null) {
            request.setHeader("Authorization", "Bearer " + apiKey);
        }
        CompletableFuture<HttpResponse<byte[]>> exchange =
                http.sendAsync(request.build(), BoundedBody.handler(maxReplyBytes));
        CompletableFuture<T> result = exchange.handle((response, failure) -> reply.apply(response, unwrap(failure)));
        result.whenComplete((r, t) -> {
            if (t != null) {
                exchange.cancel(true);
            }
        });
        return result;
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
