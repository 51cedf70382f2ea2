package dev.rampart.gateway.pipeline;

import dev.rampart.gateway.config.GatewayConfig;
import dev.rampart.gateway.http.ApiError;
import dev.rampart.gateway.http.ApiFault;
import dev.rampart.gateway.http.StrictJson;
import dev.rampart.gateway.openai.ParsedRequest;
import dev.rampart.gateway.openai.RequestValidator;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/**
 * Stage 1: reads the request body within its size and time bounds, parses it strictly and validates it for its
 * route. Fails with an {@link ApiFault}: 415 for a body that is not JSON, 413 past {@code max_body_bytes}, 408 when
 * the body is not complete within {@code body_read_timeout_ms}, 400 for bad JSON or an invalid request.
 */
public final class RequestBody {
    private final Vertx vertx;
    private final GatewayConfig.Server limits;
    private final StrictJson json;

    public RequestBody(Vertx vertx, GatewayConfig.Server limits) {
        this.vertx = vertx;
        this.limits = limits;
        this.json = new StrictJson(limits.maxJsonDepth());
    }

    public Future<ParsedRequest> read(ClientCall call) {
        return bounded(call.request())
                .map(body -> RequestValidator.validate(call.endpoint(), json.parseObject(body)));
    }

    private Future<Buffer> bounded(HttpServerRequest request) {
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (contentType != null && !contentType.toLowerCase().contains("json")) {
            request.pause();
            return Future.failedFuture(ApiFault.of(ApiError.UNSUPPORTED_MEDIA_TYPE));
        }
        String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null) {
            try {
                if (Long.parseLong(declared.trim()) > limits.maxBodyBytes()) {
                    request.pause();
                    return Future.failedFuture(tooLarge());
                }
            } catch (NumberFormatException e) {
                return Future.failedFuture(ApiFault.of(ApiError.INVALID_REQUEST, "Invalid Content-Length header."));
            }
        }
        Promise<Buffer> promise = Promise.promise();
        Buffer body = Buffer.buffer();
        long timer = vertx.setTimer(limits.bodyReadTimeoutMs(),
                id -> promise.tryFail(ApiFault.of(ApiError.REQUEST_TIMEOUT)));
        request.handler(chunk -> {
            if (body.length() + chunk.length() > limits.maxBodyBytes()) {
                request.pause();
                promise.tryFail(tooLarge());
            } else {
                body.appendBuffer(chunk);
            }
        });
        request.exceptionHandler(promise::tryFail);
        request.endHandler(v -> promise.tryComplete(body));
        return promise.future().andThen(ar -> vertx.cancelTimer(timer));
    }

    private ApiFault tooLarge() {
        return ApiFault.of(ApiError.REQUEST_TOO_LARGE,
                "The request body exceeds the limit of " + limits.maxBodyBytes() + " bytes.");
    }
}
