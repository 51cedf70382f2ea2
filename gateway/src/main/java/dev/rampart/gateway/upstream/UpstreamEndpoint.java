package dev.rampart.gateway.upstream;

import dev.rampart.gateway.config.GatewayConfig;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.netty.channel.ConnectTimeoutException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One named upstream: its HTTP client and its Resilience4j guards (bulkhead, circuit breaker, retry).
 * Retries happen only before any byte reached the client and only for failures where the upstream cannot have
 * processed the request (connection refused or timed out, 502/503 answered before work began).
 */
public final class UpstreamEndpoint implements AutoCloseable {
    private final Vertx vertx;
    private final GatewayConfig.Upstream config;
    private final HttpClientAgent client;
    private final CircuitBreaker breaker;
    private final Bulkhead bulkhead;
    private final Retry retry;
    private final String authorization;

    UpstreamEndpoint(Vertx vertx, GatewayConfig.Upstream config) {
        this.vertx = vertx;
        this.config = config;
        HttpClientOptions options = new HttpClientOptions()
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, config.timeouts().connectMs()))
                .setKeepAlive(true)
                .setTcpNoDelay(true)
                .setDecompressionSupported(false)
                .setTrustAll(false);
        if (config.baseUrl().startsWith("https:")) {
            options.setSsl(true).setVerifyHost(true);
        }
        this.client = vertx.httpClientBuilder()
                .with(options)
                .with(new PoolOptions().setHttp1MaxSize(config.poolSize()))
                .build();
        this.breaker = CircuitBreaker.of("upstream-" + config.name(), CircuitBreakerConfig.custom()
                .failureRateThreshold(config.breaker().failureRateThreshold())
                .slidingWindowSize(config.breaker().slidingWindow())
                .minimumNumberOfCalls(config.breaker().minimumCalls())
                .waitDurationInOpenState(Duration.ofMillis(config.breaker().openMs()))
                .permittedNumberOfCallsInHalfOpenState(Math.max(1, Math.min(5, config.breaker().minimumCalls())))
                .build());
        this.bulkhead = Bulkhead.of("upstream-" + config.name(), BulkheadConfig.custom()
                .maxConcurrentCalls(config.maxConcurrent())
                .maxWaitDuration(Duration.ZERO)
                .build());
        this.retry = Retry.of("upstream-" + config.name(), RetryConfig.custom()
                .maxAttempts(config.retry().maxAttempts())
                .waitDuration(Duration.ofMillis(Math.max(1, config.retry().backoffMs())))
                .retryOnException(UpstreamEndpoint::retryable)
                .build());
        String key = config.apiKeyEnv() == null ? null : System.getenv(config.apiKeyEnv());
        this.authorization = key == null || key.isBlank() ? null : "Bearer " + key;
    }

    public String name() {
        return config.name();
    }

    /** The configured timeouts of this upstream. */
    public GatewayConfig.Timeouts timeouts() {
        return config.timeouts();
    }

    public GatewayConfig.Upstream config() {
        return config;
    }

    public CircuitBreaker breaker() {
        return breaker;
    }

    public Bulkhead bulkhead() {
        return bulkhead;
    }

    public Retry retry() {
        return retry;
    }

    /**
     * Sends a POST to {@code baseUrl + path}. The returned exchange's response is paused: the caller resumes it once
     * its handlers are set. Fails with {@link BulkheadFullException}, {@link CallNotPermittedException},
     * a connect failure, {@link TimeoutException} (no response headers within the first-byte timeout) — never hangs.
     */
    public Future<UpstreamExchange> post(String path, Buffer body, MultiMap headers, String clientAuthorization) {
        if (!bulkhead.tryAcquirePermission()) {
            return Future.failedFuture(BulkheadFullException.createBulkheadFullException(bulkhead));
        }
        Retry.Context<Object> retryContext = retry.context();
        Promise<UpstreamExchange> promise = Promise.promise();
        attempt(path, body, headers, clientAuthorization, retryContext, promise);
        return promise.future().onFailure(e -> bulkhead.onComplete());
    }

    private void attempt(String path, Buffer body, MultiMap headers, String clientAuthorization,
                         Retry.Context<Object> retryContext, Promise<UpstreamExchange> promise) {
        if (!breaker.tryAcquirePermission()) {
            promise.fail(CallNotPermittedException.createCallNotPermittedException(breaker));
            return;
        }
        long start = System.nanoTime();
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(config.baseUrl() + path)
                .setConnectTimeout(config.timeouts().connectMs())
                .setIdleTimeout(config.timeouts().idleMs())
                .setHeaders(requestHeaders(headers, clientAuthorization));
        boolean[] timedOut = {false};
        client.request(options).compose(request -> {
            long timer = vertx.setTimer(config.timeouts().firstByteMs(), id -> {
                timedOut[0] = true;
                request.reset();
            });
            return request.send(body)
                    .map(response -> new UpstreamExchange(this, request, pause(response), start))
                    .andThen(ar -> vertx.cancelTimer(timer));
        }).onComplete(ar -> {
            if (ar.succeeded()) {
                HttpClientResponse response = ar.result().response();
                int status = response.statusCode();
                if ((status == 502 || status == 503) && retriesLeft(retryContext, new UpstreamUnavailable(status))) {
                    breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, new UpstreamUnavailable(status));
                    ar.result().cancelQuietly();
                    scheduleRetry(path, body, headers, clientAuthorization, retryContext, promise);
                    return;
                }
                promise.complete(ar.result());
            } else {
                Throwable failure = timedOut[0] ? new TimeoutException("no response headers from upstream in time") : ar.cause();
                breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, failure);
                if (retriesLeft(retryContext, failure)) {
                    scheduleRetry(path, body, headers, clientAuthorization, retryContext, promise);
                } else {
                    promise.fail(failure);
                }
            }
        });
    }

    private boolean retriesLeft(Retry.Context<Object> context, Throwable failure) {
        if (!retryable(failure)) {
            return false;
        }
        try {
            context.onError(failure instanceof Exception e ? e : new RuntimeException(failure));
            return true;
        } catch (Throwable exhausted) {
            return false;
        }
    }

    private void scheduleRetry(String path, Buffer body, MultiMap headers, String clientAuthorization,
                               Retry.Context<Object> context, Promise<UpstreamExchange> promise) {
        vertx.setTimer(Math.max(1, config.retry().backoffMs()),
                id -> attempt(path, body, headers, clientAuthorization, context, promise));
    }

    private static HttpClientResponse pause(HttpClientResponse response) {
        response.pause();
        return response;
    }

    private MultiMap requestHeaders(MultiMap extra, String clientAuthorization) {
        MultiMap h = MultiMap.caseInsensitiveMultiMap();
        h.set("content-type", "application/json");
        h.set("accept", "application/json, text/event-stream");
        if (config.forwardClientAuthorization() && clientAuthorization != null) {
            h.set("authorization", clientAuthorization);
        } else if (authorization != null) {
            h.set("authorization", authorization);
        }
        if (extra != null) {
            h.addAll(extra);
        }
        return h;
    }

    /** GET {@code baseUrl + path}, whole body, for model discovery. */
    public Future<Buffer> get(String path) {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setAbsoluteURI(config.baseUrl() + path)
                .setConnectTimeout(config.timeouts().connectMs())
                .setIdleTimeout(config.timeouts().idleMs())
                .setHeaders(requestHeaders(null, null));
        return client.request(options)
                .compose(request -> request.send())
                .compose(response -> response.statusCode() == 200
                        ? response.body()
                        : Future.failedFuture(new UpstreamUnavailable(response.statusCode())));
    }

    void completed(boolean success, long startNanos) {
        bulkhead.onComplete();
        long elapsed = System.nanoTime() - startNanos;
        if (success) {
            breaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
        } else {
            breaker.onError(elapsed, TimeUnit.NANOSECONDS, new UpstreamUnavailable(0));
        }
    }

    void cancelled(long startNanos) {
        bulkhead.onComplete();
        breaker.releasePermission();
    }

    static boolean retryable(Throwable t) {
        return t instanceof ConnectException
                || t instanceof ConnectTimeoutException
                || t instanceof UpstreamUnavailable u && (u.status() == 502 || u.status() == 503);
    }

    @Override
    public void close() {
        client.close();
    }

    /** The upstream answered 5xx (or failed) before any work could be relayed. */
    public static final class UpstreamUnavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;

        UpstreamUnavailable(int status) {
            super("upstream status " + status, null, false, false);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
