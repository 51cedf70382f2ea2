package dev.rampart.gateway.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.StreamResetException;
import io.netty.channel.ConnectTimeoutException;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where faults become OpenAI-style errors:
 * {@code {"error":{"message","type","param","code"}}}. Anything unexpected becomes a generic 500 with no detail
 * (its class is logged, never sent).
 */
public final class OpenAiErrors {
    private static final Logger LOG = LoggerFactory.getLogger(OpenAiErrors.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenAiErrors() {
    }

    /** Maps any failure to the fault shown to the client. */
    public static ApiFault toFault(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && !(t instanceof ApiFault) && t != t.getCause()
                && (t instanceof java.util.concurrent.CompletionException || t instanceof java.util.concurrent.ExecutionException)) {
            t = t.getCause();
        }
        if (t instanceof ApiFault fault) {
            return fault;
        }
        if (t instanceof CallNotPermittedException) {
            return new ApiFault(503, "server_error", "upstream_unavailable", null,
                    "The upstream model service is temporarily unavailable (circuit open). Try again later.");
        }
        if (t instanceof BulkheadFullException) {
            return new ApiFault(429, "rate_limit_error", "upstream_overloaded", null,
                    "Too many concurrent requests to the upstream model service. Try again later.");
        }
        if (t instanceof ConnectTimeoutException || t instanceof ConnectException) {
            return new ApiFault(502, "server_error", "upstream_unreachable", null,
                    "The upstream model service could not be reached.");
        }
        if (t instanceof TimeoutException || (t.getClass().getSimpleName().contains("Timeout"))) {
            return new ApiFault(504, "server_error", "upstream_timeout", null,
                    "The upstream model service did not answer in time.");
        }
        if (t instanceof HttpClosedException || t instanceof StreamResetException
                || t instanceof io.vertx.core.VertxException && String.valueOf(t.getMessage()).contains("closed")) {
            return new ApiFault(502, "server_error", "upstream_connection_closed", null,
                    "The upstream model service closed the connection.");
        }
        LOG.error("unexpected fault: {}", t.getClass().getName(), t);
        return new ApiFault(500, "server_error", "internal_error", null, "The gateway failed to process the request.");
    }

    public static Buffer body(ApiFault fault) {
        return body(fault.type(), fault.code(), fault.param(), fault.getMessage());
    }

    public static Buffer body(String type, String code, String param, String message) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", message);
        error.put("type", type);
        if (param == null) {
            error.putNull("param");
        } else {
            error.put("param", param);
        }
        if (code == null) {
            error.putNull("code");
        } else {
            error.put("code", code);
        }
        return Buffer.buffer(root.toString());
    }

    public static String reason(int status) {
        return HttpResponseStatus.valueOf(status).reasonPhrase();
    }
}
