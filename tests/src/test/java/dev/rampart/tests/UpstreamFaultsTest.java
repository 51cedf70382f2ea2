package dev.rampart.tests;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Upstream faults reach the client as what they are: a reset is a 502, the gateway's own upstream credentials failing
 * is a 502 that leaks nothing of the upstream's answer, rate limits carry the upstream's advice, and the headers an
 * OpenAI client reads (request id, rate-limit state) pass through.
 */
class UpstreamFaultsTest {
    static WireMockServer upstream;
    static GatewayHarness harness;

    @BeforeAll
    static void start() {
        upstream = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        upstream.start();
        harness = GatewayHarness.start("upstreams:\n" + GatewayHarness.upstreamYaml("u", upstream.baseUrl() + "/v1",
                "[m]", "    retry: { max_attempts: 1 }\n"));
    }

    @AfterAll
    static void stop() {
        harness.close();
        upstream.stop();
    }

    @BeforeEach
    void reset() {
        upstream.resetAll();
    }

    private static HttpResponse<String> ask() {
        return harness.post("/v1/chat/completions", GatewayHarness.chat("m", "What is the capital of France?"));
    }

    @Test
    void should_answer_502_upstream_auth_failed_without_the_upstream_body_when_the_upstream_refuses_the_gateway_key() {
        for (int status : new int[] {401, 403}) {
            upstream.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(status).withHeader("content-type", "application/json")
                    .withBody("{\"error\":{\"message\":\"Incorrect API key provided: sk-upst****************1234\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}")));
            HttpResponse<String> r = ask();
            assertThat(r.statusCode()).isEqualTo(502);
            assertThat(r.body()).contains("\"code\":\"upstream_auth_failed\"").doesNotContain("sk-upst").doesNotContain("1234");
        }
    }

    @Test
    void should_answer_502_when_the_upstream_resets_the_connection() {
        upstream.stubFor(post(anyUrl()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        HttpResponse<String> r = ask();
        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(r.body()).contains("\"type\":\"server_error\"");
    }

    @Test
    void should_pass_the_upstream_request_id_and_rate_limit_headers_through() {
        upstream.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200).withHeader("content-type", "application/json")
                .withHeader("x-request-id", "req_upstream_1").withHeader("x-ratelimit-remaining-requests", "99")
                .withHeader("openai-processing-ms", "12").withHeader("set-cookie", "session=secret")
                .withBody("{\"id\":\"x\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":"
                        + "{\"role\":\"assistant\",\"content\":\"Paris.\"},\"finish_reason\":\"stop\"}]}")));
        HttpResponse<String> r = ask();
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-request-id")).hasValue("req_upstream_1");
        assertThat(r.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("99");
        assertThat(r.headers().firstValue("openai-processing-ms")).hasValue("12");
        assertThat(r.headers().firstValue("set-cookie")).isEmpty();
    }

    @Test
    void should_relay_the_upstream_retry_after_on_a_429() {
        upstream.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(429).withHeader("retry-after", "7")
                .withHeader("content-type", "text/plain").withBody("slow down")));
        HttpResponse<String> r = ask();
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("retry-after")).hasValue("7");
        assertThat(r.body()).contains("\"type\":\"rate_limit_error\"");
    }
}
