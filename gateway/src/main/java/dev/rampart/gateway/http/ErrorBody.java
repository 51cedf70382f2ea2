package dev.rampart.gateway.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

/**
 * The OpenAI error shape, {@code {"error":{"message","type","param","code"}}}, and the one writer of error responses
 * (JSON, or an SSE error event once a stream has begun).
 */
public final class ErrorBody {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ErrorBody() {
    }

    public static Buffer of(ApiFault fault) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", fault.getMessage());
        error.put("type", fault.type());
        if (fault.param() == null) {
            error.putNull("param");
        } else {
            error.put("param", fault.param());
        }
        error.put("code", fault.code());
        return Buffer.buffer(root.toString());
    }

    /** The error as one server-sent event ({@code data: {...}} and a blank line). */
    public static Buffer event(ApiFault fault) {
        return Buffer.buffer("data: ").appendBuffer(of(fault)).appendString("\n\n");
    }

    /**
     * Sends the error as a whole JSON response, closing the connection for errors that leave the body unread. A
     * response already ended or closed is left alone.
     */
    public static Future<Void> send(HttpServerResponse response, ApiFault fault) {
        if (response.ended() || response.closed()) {
            return Future.succeededFuture();
        }
        boolean close = fault.error().closesConnection();
        if (close) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        if (fault.retryAfter() != null) {
            response.putHeader(HttpHeaders.RETRY_AFTER, fault.retryAfter());
        }
        return response.setStatusCode(fault.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(of(fault));
    }
}
