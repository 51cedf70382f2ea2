package dev.rampart.tests;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Timeouts, retries, circuit breaker, bulkhead and fallback around upstreams. */
class ResilienceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OK = "{\"id\":\"x\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\","
            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"fine\"},\"finish_reason\":\"stop\"}]}";

    WireMockServer upstream;
    WireMockServer backup;

    @BeforeEach
    void start() {
        upstream = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        upstream.start();
        backup = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        backup.start();
    }

    @AfterEach
    void stop() {
        upstream.stop();
        backup.stop();
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String code(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body()).at("/error/code").asText();
    }

    @Test
    void should_answer_504_when_the_upstream_sends_no_headers_within_the_first_byte_timeout() throws Exception {
        upstream.stubFor(post("/v1/chat/completions").willReturn(okJson(OK).withFixedDelay(5_000)));
        try (GatewayHarness h = GatewayHarness.start("upstreams:\n" + GatewayHarness.upstreamYaml("u",
                upstream.baseUrl() + "/v1", "[m]", "    timeouts: { first_byte_ms: 300 }\n"))) {
            HttpResponse<String> r = h.post("/v1/chat/completions", GatewayHarness.chat("m", "hi"));
            assertThat(r.statusCode()).isEqualTo(504);
            assertThat(code(r)).isEqualTo("upstream_timeout");
        }
    }

    @Test
    void should_answer_502_when_the_upstream_refuses_connections_after_retrying() throws Exception {
        try (GatewayHarness h = GatewayHarness.start("upstreams:\n" + GatewayHarness.upstreamYaml("u",
                "http://127.0.0.1:" + closedPort() + "/v1", "[m]", "    retry: { max_attempts: 3, backoff_ms: 5 }\n"))) {
            HttpResponse<String> r = h.post("/v1/chat/completions", GatewayHarness.chat("m", "hi"));
            assertThat(r.statusCode()).isEqualTo(502);
            assertThat(code(r)).isEqualTo("upstream_unreachable");
            assertThat(h.get(h.admin() + "/metrics").body()).contains("rampart_upstream_retries_total{upstream=\"u\"} 2.0");
        }
    }

    @Test
    void should_retry_a_503_answered_before_any_byte_reached_the_client() {
        upstream.stubFor(post("/v1/chat/completions").inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        upstream.stubFor(post("/v1/chat/completions").inScenario("flaky").whenScenarioStateIs("up")
                .willReturn(okJson(OK)));
        try (GatewayHarness h = GatewayHarness.start("upstreams:\n" + GatewayHarness.upstreamYaml("u",
                upstream.baseUrl() + "/v1", "[m]", "    retry: { max_attempts: 2, backoff_ms: 5 }\n"))) {
            assertThat(h.post("/v1/chat/completions", GatewayHarness.chat("m", "hi")).statusCode()).isEqualTo(200);
            upstream.verify(2, postRequestedFor(urlEqualTo("/v1/chat/completions")));
        }
    }

    @Test
    void should_fall_back_to_the_fallback_upstream_when_the_primary_is_down() throws Exception {
        backup.stubFor(post("/v1/chat/completions").willReturn(okJson(OK)));
        try (GatewayHarness h = GatewayHarness.start("upstreams:\n"
                + GatewayHarness.upstreamYaml("primary", "http://127.0.0.1:" + closedPort() + "/v1", "[m]",
                "    retry: { max_attempts: 1 }\n    fallback: backup\n")
                + GatewayHarness.upstreamYaml("backup", backup.baseUrl() + "/v1", "[other]", ""))) {
            HttpResponse<String> r = h.post("/v1/chat/completions", GatewayHarness.chat("m", "hi"));
            assertThat(r.statusCode()).isEqualTo(200);
            backup.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions")));
        }
    }

    @Test
    void should_open_the_circuit_after_failures_and_stop_calling_the_upstream() throws Exception {
        upstream.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(500)));
        try (GatewayHarness h = GatewayHarness.start("upstreams:\n" + GatewayHarness.upstreamYaml("u",
                upstream.baseUrl() + "/v1", "[m]", "    retry: { max_attempts: 1 }\n"
                        + "    circuit_breaker: { failure_rate_threshold: 50, sliding_window: 4, minimum_calls: 4, open_ms: 60000 }\n"))) {
            for (int i = 0; i < 4; i++) {
                assertThat(h.post("/v1/chat/completions", GatewayHarness.chat("m", "hi")).statusCode()).isEqualTo(502);
            }
            HttpResponse<String> r = h.post("/v1/chat/completions", GatewayHarness.chat("m", "hi"));
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(code(r)).isEqualTo("upstream_unavailable");
            upstream.verify(4, postRequestedFor(urlEqualTo("/v1/chat/completions")));
            assertThat(h.get(h.admin() + "/metrics").body()).contains("rampart_upstream_breaker_state{upstream=\"u\"} 1.0");
        }
    }

    @Test
    void should_shed_load_with_429_when_the_bulkhead_is_full() throws Exception {
        upstream.stubFor(post("/v1/chat/completions").willReturn(okJson(OK).withFixedDelay(1_500)));
        try (GatewayHarness h = GatewayHarness.start("upstreams:\n" + GatewayHarness.upstreamYaml("u",
                upstream.baseUrl() + "/v1", "[m]", "    max_concurrent: 1\n"))) {
            CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(
                    () -> h.post("/v1/chat/completions", GatewayHarness.chat("m", "one")));
            CompletableFuture<HttpResponse<String>> second = CompletableFuture.supplyAsync(
                    () -> h.post("/v1/chat/completions", GatewayHarness.chat("m", "two")));
            List<HttpResponse<String>> both = List.of(first.get(), second.get());
            assertThat(both).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(200, 429);
            HttpResponse<String> shed = both.stream().filter(r -> r.statusCode() == 429).findFirst().orElseThrow();
            assertThat(code(shed)).isEqualTo("upstream_overloaded");
        }
    }
}
