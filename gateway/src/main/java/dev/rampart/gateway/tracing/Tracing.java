package dev.rampart.gateway.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.tracing.opentelemetry.OpenTelemetryTracingFactory;
import java.util.function.UnaryOperator;

/**
 * Chooses tracing from the environment, once, at start-up: {@code RAMPART_TRACING} unset or {@code off} — no tracer
 * at all (Vert.x runs without one, stages start no spans); {@code otlp} — the OpenTelemetry SDK exporting over
 * OTLP/HTTP to {@code OTEL_EXPORTER_OTLP_ENDPOINT} (default {@code http://localhost:4318}) as service
 * {@code OTEL_SERVICE_NAME} (default {@code rampart}), with W3C trace-context propagation.
 */
public final class Tracing {
    /** The environment variable that turns tracing on. */
    public static final String ENV = "RAMPART_TRACING";
    private static volatile OpenTelemetry active = OpenTelemetry.noop();

    private Tracing() {
    }

    /** The OpenTelemetry in use: the no-op one unless tracing was turned on. */
    public static OpenTelemetry active() {
        return active;
    }

    /**
     * A Vert.x instance traced as the environment says.
     *
     * @throws IllegalArgumentException when {@value #ENV} has a value other than {@code off} or {@code otlp}
     */
    public static Vertx vertx(VertxOptions options, UnaryOperator<String> env) {
        String mode = env.apply(ENV) == null ? "off" : env.apply(ENV).trim().toLowerCase(java.util.Locale.ROOT);
        return switch (mode) {
            case "", "off", "none" -> {
                active = OpenTelemetry.noop();
                yield Vertx.builder().with(options).build();
            }
            case "otlp" -> vertx(options, otlp(env));
            default -> throw new IllegalArgumentException(ENV + ": must be 'off' or 'otlp', but was '" + mode + "'");
        };
    }

    /** A Vert.x instance whose HTTP server and client spans, and the guard stages' spans, go to {@code openTelemetry}. */
    public static Vertx vertx(VertxOptions options, OpenTelemetry openTelemetry) {
        active = openTelemetry;
        return Vertx.builder().with(options).withTracer(new OpenTelemetryTracingFactory(openTelemetry)).build();
    }

    /** An SDK with {@code processor}, W3C propagation, service {@code rampart}: for tests and embedding. */
    public static OpenTelemetrySdk sdk(SpanProcessor processor, String serviceName) {
        return OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(
                                io.opentelemetry.api.common.AttributeKey.stringKey("service.name"), serviceName))))
                        .addSpanProcessor(processor).build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
    }

    private static OpenTelemetrySdk otlp(UnaryOperator<String> env) {
        String endpoint = env.apply("OTEL_EXPORTER_OTLP_ENDPOINT");
        String base = endpoint == null || endpoint.isBlank() ? "http://localhost:4318" : endpoint.trim();
        OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
                .setEndpoint(base.replaceAll("/+$", "") + "/v1/traces").build();
        String service = env.apply("OTEL_SERVICE_NAME");
        OpenTelemetrySdk sdk = sdk(BatchSpanProcessor.builder(exporter).build(),
                service == null || service.isBlank() ? "rampart" : service.trim());
        Runtime.getRuntime().addShutdownHook(new Thread(sdk::close, "rampart-tracing-flush"));
        return sdk;
    }
}
