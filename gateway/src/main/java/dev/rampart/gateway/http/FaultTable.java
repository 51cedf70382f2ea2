package dev.rampart.gateway.http;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.TimeoutException;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.StreamResetException;
import java.io.IOException;
import java.net.ConnectException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become client errors: an {@link ApiFault} is shown as it is; any other exception is
 * mapped by its type, first match in table order (subclasses before their parents). Anything unexpected becomes a
 * generic 500 with no detail — its class is logged, never sent.
 */
public final class FaultTable {
    private static final Logger LOG = LoggerFactory.getLogger(FaultTable.class);

    /** Exception types in the order they are tried. */
    private static final List<Map.Entry<Class<? extends Throwable>, ApiError>> TABLE = List.of(
            Map.entry(CallNotPermittedException.class, ApiError.UPSTREAM_UNAVAILABLE),
            Map.entry(BulkheadFullException.class, ApiError.UPSTREAM_OVERLOADED),
            Map.entry(ConnectTimeoutException.class, ApiError.UPSTREAM_UNREACHABLE),
            Map.entry(ConnectException.class, ApiError.UPSTREAM_UNREACHABLE),
            Map.entry(java.util.concurrent.TimeoutException.class, ApiError.UPSTREAM_TIMEOUT),
            Map.entry(TimeoutException.class, ApiError.UPSTREAM_TIMEOUT),
            Map.entry(HttpClosedException.class, ApiError.UPSTREAM_CONNECTION_CLOSED),
            Map.entry(StreamResetException.class, ApiError.UPSTREAM_CONNECTION_CLOSED),
            // a reset or broken connection to the upstream (the gateway does no other I/O on a request's path)
            Map.entry(IOException.class, ApiError.UPSTREAM_CONNECTION_CLOSED));

    private FaultTable() {
    }

    /** The fault shown to the client for any failure. */
    public static ApiFault toFault(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof ApiFault fault) {
            return fault;
        }
        for (Map.Entry<Class<? extends Throwable>, ApiError> row : TABLE) {
            if (row.getKey().isInstance(t)) {
                return ApiFault.of(row.getValue());
            }
        }
        LOG.error("unexpected fault: {}", t.getClass().getName(), t);
        return ApiFault.of(ApiError.INTERNAL_ERROR);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null
                && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
