package dev.rampart.gateway.pipeline;

import dev.rampart.gateway.openai.Endpoint;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * One client request as it arrived: the route, the HTTP request, the request id every log line and decision carries,
 * and when it started. Immutable; confined to the request's Vert.x context.
 */
public record ClientCall(Endpoint endpoint, HttpServerRequest request, String id, long startNanos) {

    /** A new call with a fresh id, announced to the client in {@code x-rampart-request-id}. */
    static ClientCall start(Endpoint endpoint, HttpServerRequest request) {
        ClientCall call = new ClientCall(endpoint, request, RequestIds.next(), System.nanoTime());
        request.response().putHeader("x-rampart-request-id", call.id());
        return call;
    }

    public HttpServerResponse response() {
        return request.response();
    }

    public long elapsedNanos() {
        return System.nanoTime() - startNanos;
    }
}
