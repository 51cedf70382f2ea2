package dev.rampart.gateway.server;

import dev.rampart.gateway.http.ApiFault;
import dev.rampart.gateway.http.OpenAiErrors;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/**
 * Answers requests the HTTP codec could not decode (oversized URI or headers, garbage) with an OpenAI-shaped error
 * and closes the connection, instead of the codec's plain-text reply.
 */
final class InvalidRequests implements Handler<HttpServerRequest> {

    @Override
    public void handle(HttpServerRequest request) {
        DecoderResult result = request.decoderResult();
        Throwable cause = result == null ? null : result.cause();
        ApiFault fault;
        if (cause instanceof TooLongFrameException) {
            String m = String.valueOf(cause.getMessage());
            fault = m.contains("header") || m.contains("Header")
                    ? new ApiFault(431, "invalid_request_error", "headers_too_large", null,
                    "The request headers are too large.")
                    : new ApiFault(414, "invalid_request_error", "uri_too_long", null, "The request URI is too long.");
        } else {
            fault = new ApiFault(400, "invalid_request_error", "bad_request", null, "The HTTP request is malformed.");
        }
        request.response()
                .setStatusCode(fault.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(OpenAiErrors.body(fault))
                .onComplete(ar -> request.connection().close());
    }
}
