package dev.rampart.gateway.server;

import dev.rampart.gateway.http.ApiFault;
import dev.rampart.gateway.http.ApiError;
import dev.rampart.gateway.http.ErrorBody;
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
                    ? ApiFault.of(ApiError.HEADERS_TOO_LARGE)
                    : ApiFault.of(ApiError.URI_TOO_LONG);
        } else {
            fault = ApiFault.of(ApiError.BAD_REQUEST);
        }
        request.response()
                .setStatusCode(fault.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(ErrorBody.of(fault))
                .onComplete(ar -> request.connection().close());
    }
}
