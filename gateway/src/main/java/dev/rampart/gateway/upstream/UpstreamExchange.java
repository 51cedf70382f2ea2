package dev.rampart.gateway.upstream;

import dev.rampart.gateway.config.GatewayConfig;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One call in flight to an upstream, from response headers on. The caller reads or relays the response and then
 * calls {@link #finish(boolean)} (or {@link #cancel()}), which releases the bulkhead permit and tells the circuit
 * breaker how it went. Both are idempotent.
 */
public final class UpstreamExchange {
    private final UpstreamEndpoint endpoint;
    private final HttpClientRequest request;
    private final HttpClientResponse response;
    private final long startNanos;
    private final AtomicBoolean finished = new AtomicBoolean();

    UpstreamExchange(UpstreamEndpoint endpoint, HttpClientRequest request, HttpClientResponse response, long startNanos) {
        this.endpoint = endpoint;
        this.request = request;
        this.response = response;
        this.startNanos = startNanos;
    }

    public HttpClientResponse response() {
        return response;
    }

    public String upstreamName() {
        return endpoint.name();
    }

    /** This upstream's limits on a streamed reply: whole stream and silence between events with data (ms). */
    public GatewayConfig.Timeouts timeouts() {
        return endpoint.timeouts();
    }

    /** Ends the exchange; {@code success} false counts as a failure for the upstream's circuit breaker. */
    public void finish(boolean success) {
        if (finished.compareAndSet(false, true)) {
            endpoint.completed(success, startNanos);
        }
    }

    /** The upstream misbehaved mid-response: counts as its failure and drops the connection. */
    public void failAndReset() {
        if (finished.compareAndSet(false, true)) {
            endpoint.completed(false, startNanos);
            quiet();
            request.reset();
        }
    }

    /** Drops a response that will be retried; permits stay with the overall call. */
    void cancelQuietly() {
        finished.set(true);
        quiet();
        request.reset();
    }

    /** Aborts the upstream request (client went away, or the guard stopped the stream). Not the upstream's fault. */
    public void cancel() {
        if (finished.compareAndSet(false, true)) {
            endpoint.cancelled(startNanos);
            quiet();
            request.reset();
        }
    }

    /** The reset that follows is ours: the response has nothing left to report (no-op once it has ended). */
    private void quiet() {
        try {
            response.exceptionHandler(e -> { });
        } catch (IllegalStateException alreadyEnded) {
            // nothing more will be reported anyway
        }
    }
}
