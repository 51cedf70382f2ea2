package dev.rampart.gateway.logging;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;

/**
 * The request id bound to the current request's Vert.x context. Vert.x serves every HTTP request on its own
 * duplicated context and runs the request's future callbacks on it, so an id bound once in
 * {@code GuardPipeline.handle()} is seen by every stage of that request, whatever thread or order they run in —
 * unlike a thread-local MDC, which an event loop shares between thousands of interleaved requests. Only duplicated
 * contexts are written to: the event loop's own context is shared by all its requests.
 */
public final class RequestLogContext {
    /** The MDC key (and JSON field inside {@code mdc}) of the request id. */
    public static final String MDC_KEY = "request_id";
    private static final Object KEY = RequestLogContext.class;

    private RequestLogContext() {
    }

    /** Binds {@code requestId} to the current request's context; a no-op outside a request's context. */
    public static void bind(String requestId) {
        if (Vertx.currentContext() instanceof ContextInternal context && context.isDuplicate()) {
            context.localContextData().put(KEY, requestId);
        }
    }

    /** The request id of the request the calling code runs for, or null. */
    public static String current() {
        Context context = Vertx.currentContext();
        if (context instanceof ContextInternal internal && internal.isDuplicate()) {
            return (String) internal.localContextData().get(KEY);
        }
        return null;
    }
}
