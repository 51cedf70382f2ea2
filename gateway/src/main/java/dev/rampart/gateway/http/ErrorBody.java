package dev.rampart.gateway.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

/**
 * The OpenAI error shape, {@code {"error":{"message","type","param","code"}}} (for {@code content_filter} with
 * Azure's {@code innererror} beside it), and the one writer of error responses
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
        if (fault.contentFilter() != null) {
            contentFilter(error, fault.contentFilter());
        }
        return Buffer.buffer(root.toString());
    }

    /**
     * Beside OpenAI's four fields, what Azure OpenAI adds to a {@code content_filter} error, so an SDK's error object
     * says why: {@code request_id}, and {@code innererror} with {@code code: ResponsibleAIPolicyViolation},
     * {@code policy_revision} and {@code content_filter_result} — per fired category {@code filtered},
     * {@code detected} and {@code score}.
     */
    private static void contentFilter(ObjectNode error, ContentFilterDetail detail) {
        error.put("request_id", detail.requestId());
        ObjectNode inner = error.putObject("innererror");
        inner.put("code", ContentFilterDetail.INNER_CODE);
        inner.put("policy_revision", detail.policyRevision());
        ObjectNode results = inner.putObject("content_filter_result");
        for (ContentFilterDetail.Category c : detail.categories()) {
            ObjectNode r = results.putObject(c.id());
            r.put("filtered", c.filtered());
            r.put("detected", c.detected());
            if (!Double.isNaN(c.score())) {
                r.put("score", c.score());
            }
        }
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
