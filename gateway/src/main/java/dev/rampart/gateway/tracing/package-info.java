/**
 * OpenTelemetry tracing, off by default ({@code RAMPART_TRACING=otlp} turns it on): Vert.x's own spans for the HTTP
 * server request and every upstream call (which carries W3C {@code traceparent} to the upstream), plus one span per
 * guard stage ({@link StageSpans}). Spans carry stage names, routes and statuses — never prompt or completion text,
 * never a caller id. Exported with OTLP over HTTP ({@code OTEL_EXPORTER_OTLP_ENDPOINT}, {@code OTEL_SERVICE_NAME}).
 */
package dev.rampart.gateway.tracing;
