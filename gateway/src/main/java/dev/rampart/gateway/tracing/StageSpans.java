package dev.rampart.gateway.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.vertx.core.Future;
import java.util.function.Supplier;

/**
 * One span per guard stage ({@code rampart.<stage>}), a child of the request's server span (found in the request's
 * Vert.x context by OpenTelemetry's context storage). With tracing off the tracer is the no-op one: no span is built.
 */
public final class StageSpans {
    private StageSpans() {
    }

    /** Runs {@code stage} inside a span named {@code rampart.<name>} that ends when its future completes. */
    public static <T> Future<T> around(String name, Supplier<Future<T>> stage) {
        Tracer tracer = Tracing.active().getTracer("dev.rampart.gateway");
        Span span = tracer.spanBuilder("rampart." + name).setParent(Context.current()).startSpan();
        if (!span.getSpanContext().isValid()) {
            return stage.get();
        }
        Future<T> result;
        try {
            result = stage.get();
        } catch (RuntimeException e) {
            span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
            span.end();
            throw e;
        }
        return result.andThen(done -> {
            if (done.failed()) {
                span.setStatus(StatusCode.ERROR, done.cause().getClass().getSimpleName());
            }
            span.end();
        });
    }
}
