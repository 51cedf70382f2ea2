package dev.rampart.tests;

import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.rampart.gateway.tracing.Tracing;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.vertx.core.VertxOptions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Tracing on: the request's server span, one span per guard stage under it, and the upstream call carrying the same
 * trace in its {@code traceparent} header. Spans are read from an in-memory exporter.
 */
class TracingEndToEndTest {

    @Test
    void should_trace_each_guard_stage_and_propagate_traceparent_upstream() {
        WireMockServer upstream = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        upstream.start();
        upstream.stubFor(post("/v1/chat/completions").willReturn(okJson("{\"id\":\"x\",\"object\":\"chat.completion\","
                + "\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                + "\"content\":\"ok\"},\"finish_reason\":\"stop\"}]}")));
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        OpenTelemetrySdk sdk = Tracing.sdk(SimpleSpanProcessor.create(spans), "rampart-test");
        try (GatewayHarness h = GatewayHarness.start("upstreams:\n"
                + GatewayHarness.upstreamYaml("u", upstream.baseUrl() + "/v1", "[m]", ""),
                Tracing.vertx(new VertxOptions(), sdk))) {
            assertThat(h.post("/v1/chat/completions", GatewayHarness.chat("m", "hello")).statusCode()).isEqualTo(200);

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            List<SpanData> done = spans.getFinishedSpanItems();
            while (System.nanoTime() < deadline && done.stream().noneMatch(TracingEndToEndTest::isChatServerSpan)) {
                Thread.onSpinWait();
                done = spans.getFinishedSpanItems();
            }
            SpanData server = done.stream().filter(TracingEndToEndTest::isChatServerSpan).findFirst().orElseThrow();
            List<SpanData> trace = done.stream().filter(s -> s.getTraceId().equals(server.getTraceId())).toList();
            assertThat(trace).extracting(SpanData::getName).contains("rampart.reward","rampart.request_body", "rampart.identify",
                    "rampart.trust", "rampart.prompt_guard", "rampart.upstream", "rampart.completion_guard");
            assertThat(trace).filteredOn(s -> s.getName().startsWith("rampart."))
                    .allSatisfy(s -> assertThat(s.getParentSpanId()).isEqualTo(server.getSpanId()));
            SpanData client = trace.stream().filter(s -> s.getKind() == SpanKind.CLIENT).findFirst().orElseThrow();
            upstream.verify(postRequestedFor(urlEqualTo("/v1/chat/completions")).withHeader("traceparent",
                    matching("00-" + server.getTraceId() + "-" + client.getSpanId() + "-0[0-9a-f]")));
        } finally {
            upstream.stop();
            sdk.close();
            Tracing.vertx(new VertxOptions(), name -> null).close().await();   // back to no tracing for other tests
        }
    }

    @Test
    void should_refuse_an_unknown_tracing_mode() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Tracing.vertx(new VertxOptions(), name ->
                        Tracing.ENV.equals(name) ? "jaeger" : null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("RAMPART_TRACING: must be 'off' or 'otlp', but was 'jaeger'");
    }

    /** The public chat request's server span (the readiness probes have their own, named GET). */
    private static boolean isChatServerSpan(SpanData span) {
        return span.getKind() == SpanKind.SERVER && span.getName().equals("POST");
    }
}
