package dev.rampart.gateway.pipeline;

import dev.rampart.gateway.openai.Endpoint;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * One client request as it arrived: the route, the HTTP request, the request id every log line and decision carries,
 * and when it started. Immutable; confined to the request's Vert.x context.
 */
public record ClientCall(Endpoint endpoint, HttpServerRequest request, String id, long startNanos) {

    /**
     * A new call, its id the client's {@code x-request-id} when sane ({@link RequestIds}) or a fresh one, announced to
     * the client in {@code x-rampart-request-id} and in {@code x-request-id} — which the upstream's own request id
     * replaces when an upstream answered.
     */
    static ClientCall start(Endpoint endpoint, HttpServerRequest request) {
        ClientCall call = new ClientCall(endpoint, request, RequestIds.honour(request.getHeader(REQUEST_ID_HEADER)),
                System.nanoTime());
        request.response().putHeader("x-rampart-request-id", call.id());
        request.response().putHeader(REQUEST_ID_HEADER, call.id());
        return call;
    }

    /** The request id header clients and upstreams use. */
    static final String REQUEST_ID_HEADER = "x-request-id";

    public HttpServerResponse response() {
        return request.response();
    }

    public long elapsedNanos() {
        return System.nanoTime() - startNanos;
    }
}
