package dev.rampart.gateway.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rampart.gateway.config.GatewayConfig;
import dev.rampart.gateway.http.ApiError;
import dev.rampart.gateway.http.ApiFault;
import dev.rampart.gateway.metrics.GatewayMetrics;
import dev.rampart.gateway.openai.Replies;
import dev.rampart.gateway.upstream.UpstreamEndpoint;
import dev.rampart.gateway.upstream.UpstreamExchange;
import dev.rampart.gateway.upstream.UpstreamRegistry;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import dev.rampart.gateway.upstream.RelayedHeaders;
import java.io.IOException;
import java.util.Map;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 5: sends the (guarded) request body to the upstream that serves the model, falls back to the configured
 * fallback upstream when the primary is unavailable, and reads the reply within the gateway's bounds. Upstream
 * failures become faults from the catalogue: 5xx → {@code 502 upstream_error}, a body that is not JSON →
 * {@code 502 upstream_invalid_response}; a 4xx with an OpenAI error body is relayed as it is
 * ({@link UpstreamReply.Refused}), one without becomes {@code upstream_error} with the upstream's status.
 */
public final class UpstreamCall {
    private static final Logger LOG = LoggerFactory.getLogger(UpstreamCall.class);
    static final int MAX_UPSTREAM_BODY_BYTES = 64 * 1024 * 1024;

    private final Vertx vertx;
    private final UpstreamRegistry upstreams;
    private final GatewayMetrics metrics;
    private final long requestTimeoutMs;

    public UpstreamCall(Vertx vertx, UpstreamRegistry upstreams, GatewayMetrics metrics, GatewayConfig.Server limits) {
        this.vertx = vertx;
        this.upstreams = upstreams;
        this.metrics = metrics;
        this.requestTimeoutMs = limits.requestTimeoutMs();
    }

    /** The upstream's reply to the request as it now stands (after redaction and any best-of-n change). */
    public Future<UpstreamReply> send(Admitted a) {
        UpstreamEndpoint primary = upstreams.route(a.model()).orElseThrow(() -> ApiFault.of(ApiError.MODEL_NOT_FOUND,
                "model", "The model '" + printable(a.model()) + "' does not exist or is not served by this gateway."));
        Buffer body = dev.rampart.gateway.http.JsonBuffers.of(a.request().body());
        return call(a, primary, body).compose(exchange -> {
            HttpClientResponse response = exchange.response();
            String contentType = String.valueOf(response.getHeader(HttpHeaders.CONTENT_TYPE));
            if (a.request().stream() && response.statusCode() == 200 && contentType.startsWith("text/event-stream")) {
                return Future.succeededFuture(new UpstreamReply.Stream(exchange.upstreamName(), exchange));
            }
            return read(a, exchange);
        });
    }

    /** Calls the upstream, falling back to the configured fallback upstream when the primary is unavailable. */
    private Future<UpstreamExchange> call(Admitted a, UpstreamEndpoint primary, Buffer body) {
        String path = a.endpoint().upstreamPath();
        String clientAuth = a.call().request().getHeader(HttpHeaders.AUTHORIZATION);
        long start = System.nanoTime();
        MultiMap primaryHeaders;
        try {
            primaryHeaders = ForwardedHeaders.of(a.call(), primary.config());
        } catch (ApiFault fault) {
            return Future.failedFuture(fault);
        }
        Future<UpstreamExchange> first = primary.post(path, body, primaryHeaders, clientAuth).andThen(ar -> {
            if (ar.succeeded()) {
                metrics.upstreamLatency(primary.name(), ar.result().response().statusCode(), System.nanoTime() - start);
            }
        });
        String fallbackName = primary.config().fallback();
        if (fallbackName == null) {
            return first;
        }
        UpstreamEndpoint fallback = upstreams.byName(fallbackName).orElseThrow();
        return first.transform(ar -> {
            if (ar.succeeded() && ar.result().response().statusCode() < 500) {
                return Future.succeededFuture(ar.result());
            }
            if (ar.succeeded()) {
                ar.result().finish(false);
                ar.result().response().resume();
            } else if (!unavailable(ar.cause())) {
                return Future.failedFuture(ar.cause());
            }
            LOG.warn("request={} upstream={} unavailable, falling back to {}", a.id(), primary.name(), fallback.name());
            MultiMap fallbackHeaders;
            try {
                fallbackHeaders = ForwardedHeaders.of(a.call(), fallback.config());
            } catch (ApiFault fault) {
                return Future.failedFuture(fault);
            }
            return fallback.post(path, body, fallbackHeaders, clientAuth);
        });
    }

    private static boolean unavailable(Throwable t) {
        return t instanceof CallNotPermittedException || t instanceof ConnectException
                || t instanceof ConnectTimeoutException || t instanceof TimeoutException
                || t instanceof BulkheadFullException;
    }

    private Future<UpstreamReply> read(Admitted a, UpstreamExchange exchange) {
        HttpClientResponse response = exchange.response();
        int status = response.statusCode();
        long timer = vertx.setTimer(requestTimeoutMs, id -> exchange.cancel());
        return boundedBody(response).andThen(ar -> vertx.cancelTimer(timer)).transform(ar -> {
            if (ar.failed()) {
                exchange.finish(false);
                return Future.failedFuture(ar.cause());
            }
            exchange.finish(status < 500);
            if (status >= 500) {
                LOG.warn("request={} upstream={} answered {}", a.id(), exchange.upstreamName(), status);
                return Future.failedFuture(ApiFault.of(ApiError.UPSTREAM_ERROR,
                        "The upstream model service failed (HTTP " + status + ")."));
            }
            Map<String, String> relayed = RelayedHeaders.from(response.headers());
            if (status == 401 || status == 403) {
                // the gateway's own upstream credentials failed: not the client's fault, and the upstream's body
                // (which may echo part of the key) stays here
                LOG.warn("request={} upstream={} refused the gateway's credentials ({})", a.id(), exchange.upstreamName(), status);
                return Future.failedFuture(ApiFault.of(ApiError.UPSTREAM_AUTH_FAILED));
            }
            JsonNode reply = parse(ar.result());
            if (status >= 400) {
                return refused(exchange.upstreamName(), status, reply, relayed);
            }
            if (reply == null || !reply.isObject()) {
                return Future.failedFuture(ApiFault.of(ApiError.UPSTREAM_INVALID_RESPONSE));
            }
            return Future.succeededFuture(new UpstreamReply.Whole(exchange.upstreamName(), (ObjectNode) reply, relayed));
        });
    }

    private static Future<UpstreamReply> refused(String upstream, int status, JsonNode reply,
                                                 Map<String, String> relayed) {
        if (reply != null && reply.path("error").isObject()) {
            return Future.succeededFuture(new UpstreamReply.Refused(upstream, status, (ObjectNode) reply, relayed));
        }
        String message = "The upstream model service rejected the request (HTTP " + status + ").";
        if (status == 429) {
            ApiFault limited = ApiFault.of(ApiError.UPSTREAM_RATE_LIMITED, message);
            String retryAfter = relayed.get("retry-after");
            return Future.failedFuture(retryAfter != null ? limited.withRetryAfter(retryAfter) : limited);
        }
        return Future.failedFuture(ApiFault.upstreamStatus(ApiError.UPSTREAM_REJECTED, status, message));
    }

    private static JsonNode parse(Buffer body) {
        try {
            return Replies.parse(body.getBytes());
        } catch (IOException e) {
            return null;
        }
    }

    private static Future<Buffer> boundedBody(HttpClientResponse response) {
        Promise<Buffer> promise = Promise.promise();
        Buffer body = Buffer.buffer();
        response.handler(chunk -> {
            if (body.length() + chunk.length() > MAX_UPSTREAM_BODY_BYTES) {
                promise.tryFail(ApiFault.of(ApiError.UPSTREAM_RESPONSE_TOO_LARGE));
            } else {
                body.appendBuffer(chunk);
            }
        });
        response.exceptionHandler(promise::tryFail);
        response.endHandler(v -> promise.tryComplete(body));
        response.resume();
        return promise.future();
    }

    private static String printable(String s) {
        if (s == null) {
            return "";
        }
        String clean = s.replaceAll("[^\\x20-\\x7E]", "?");
        return clean.length() > 64 ? clean.substring(0, 64) + "…" : clean;
    }
}
