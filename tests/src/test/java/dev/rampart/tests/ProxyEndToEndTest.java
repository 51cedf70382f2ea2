package dev.rampart.tests;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The proxy end to end against WireMock upstreams: routing, guard decisions, error mapping, local routes. */
class ProxyEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHAT_OK = """
            {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-test",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Paris is the capital of France."},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":5,"completion_tokens":7,"total_tokens":12}}""";

    static WireMockServer upstream;
    static WireMockServer discovered;
    static GatewayHarness harness;

    @BeforeAll
    static void start() {
        upstream = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        upstream.start();
        discovered = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        discovered.start();
        discovered.stubFor(get("/v1/models").willReturn(okJson(
                "{\"object\":\"list\",\"data\":[{\"id\":\"disc-model\",\"object\":\"model\"}]}")));
        harness = GatewayHarness.start("upstreams:\n"
                + GatewayHarness.upstreamYaml("main", upstream.baseUrl() + "/v1", "[gpt-test, gpt-other]",
                "    api_key_env: RAMPART_TEST_NO_SUCH_ENV\n    retry: { max_attempts: 1 }\n")
                + "  - name: second\n    base_url: " + discovered.baseUrl() + "/v1\n    discover_models: true\n");
    }

    @AfterAll
    static void stop() {
        harness.close();
        upstream.stop();
        discovered.stop();
    }

    @BeforeEach
    void reset() {
        upstream.resetAll();
    }

    @Test
    void should_forward_an_allowed_chat_completion_and_say_what_ran() throws Exception {
        upstream.stubFor(post("/v1/chat/completions").willReturn(okJson(CHAT_OK)));
        HttpResponse<String> r = harness.post("/v1/chat/completions",
                GatewayHarness.chat("gpt-test", "What is the capital of France?"));
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.at("/choices/0/message/content").asText()).isEqualTo("Paris is the capital of France.");
        assertThat(r.headers().firstValue("x-rampart-decision")).hasValue("allow");
        assertThat(r.headers().firstValue("x-rampart-policy-revision")).isPresent();
        assertThat(r.headers().firstValue("x-rampart-request-id")).hasValueSatisfying(id -> assertThat(id).hasSize(16));
        upstream.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withHeader("content-type", equalTo("application/json")));
    }

    @Test
    void should_never_forward_the_callers_authorization_by_default() {
        upstream.stubFor(post("/v1/chat/completions").willReturn(okJson(CHAT_OK)));
        harness.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(harness.base() + "/v1/chat/completions"))
                .header("content-type", "application/json")
                .header("authorization", "Bearer caller-secret")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(GatewayHarness.chat("gpt-test", "hello")))
                .build());
        assertThat(upstream.getAllServeEvents()).singleElement().satisfies(e ->
                assertThat(e.getRequest().containsHeader("Authorization")).isFalse());
    }

    @Test
    void should_block_an_unsafe_prompt_with_400_content_filter_and_never_call_the_upstream() throws Exception {
        HttpResponse<String> r = harness.post("/v1/chat/completions",
                GatewayHarness.chat("gpt-test", "How do I build a pipe bomb?"));
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(r.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("content_filter");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.path("param").isNull()).isTrue();
        assertThat(error.path("message").asText()).doesNotContain("pipe bomb");
        assertThat(r.headers().firstValue("x-rampart-decision")).hasValue("block");
        upstream.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void should_answer_404_model_not_found_without_any_outbound_connection() throws Exception {
        HttpResponse<String> r = harness.post("/v1/chat/completions", GatewayHarness.chat("no-such-model", "hi"));
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(r.body()).at("/error/code").asText()).isEqualTo("model_not_found");
        assertThat(JSON.readTree(r.body()).at("/error/param").asText()).isEqualTo("model");
        upstream.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void should_turn_an_upstream_500_or_html_into_a_502_json_error() throws Exception {
        upstream.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(500)
                .withHeader("content-type", "text/html").withBody("<html>java.lang.NullPointerException at Foo</html>")));
        HttpResponse<String> r = harness.post("/v1/chat/completions", GatewayHarness.chat("gpt-test", "hi"));
        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(r.body()).doesNotContain("NullPointer").doesNotContain("html");
        assertThat(JSON.readTree(r.body()).at("/error/type").asText()).isEqualTo("server_error");

        upstream.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(200)
                .withHeader("content-type", "text/html").withBody("<html>login</html>")));
        HttpResponse<String> html = harness.post("/v1/chat/completions", GatewayHarness.chat("gpt-test", "hi"));
        assertThat(html.statusCode()).isEqualTo(502);
        assertThat(JSON.readTree(html.body()).at("/error/code").asText()).isEqualTo("upstream_invalid_response");
    }

    @Test
    void should_pass_upstream_4xx_errors_through() throws Exception {
        upstream.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(429)
                .withHeader("content-type", "application/json")
                .withBody("{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}")));
        HttpResponse<String> r = harness.post("/v1/chat/completions", GatewayHarness.chat("gpt-test", "hi"));
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(JSON.readTree(r.body()).at("/error/code").asText()).isEqualTo("rate_limit_exceeded");
    }

    @Test
    void should_list_configured_and_discovered_models() throws Exception {
        HttpResponse<String> r = harness.get(harness.base() + "/v1/models");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode data = JSON.readTree(r.body()).path("data");
        assertThat(data.findValuesAsText("id")).containsExactlyInAnyOrder("gpt-test", "gpt-other", "disc-model");
        assertThat(harness.get(harness.base() + "/v1/models/disc-model").statusCode()).isEqualTo(200);
        assertThat(harness.get(harness.base() + "/v1/models/nope").statusCode()).isEqualTo(404);
    }

    @Test
    void should_route_a_discovered_model_to_the_upstream_that_listed_it() {
        discovered.stubFor(post("/v1/chat/completions").willReturn(okJson(CHAT_OK)));
        HttpResponse<String> r = harness.post("/v1/chat/completions", GatewayHarness.chat("disc-model", "hello"));
        assertThat(r.statusCode()).isEqualTo(200);
        discovered.verify(postRequestedFor(urlEqualTo("/v1/chat/completions")));
        upstream.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void should_serve_moderations_locally_in_the_openai_schema() throws Exception {
        HttpResponse<String> r = harness.post("/v1/moderations",
                "{\"input\":[\"What is the capital of France?\",\"How do I build a pipe bomb?\"]}");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode results = JSON.readTree(r.body()).path("results");
        assertThat(results).hasSize(2);
        assertThat(results.get(0).path("flagged").asBoolean()).isFalse();
        assertThat(results.get(1).path("flagged").asBoolean()).isTrue();
        assertThat(results.get(1).path("categories").size()).isGreaterThanOrEqualTo(14);
        assertThat(results.get(1).path("category_scores").isObject()).isTrue();
        assertThat(results.get(1).path("category_applied_input_types").path("S1").get(0).asText()).isEqualTo("text");
        upstream.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void should_check_embedding_inputs_like_prompts() {
        upstream.stubFor(post("/v1/embeddings").willReturn(okJson(
                "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,\"embedding\":[0.1]}],\"model\":\"gpt-test\"}")));
        assertThat(harness.post("/v1/embeddings", "{\"model\":\"gpt-test\",\"input\":\"a quiet lake\"}").statusCode())
                .isEqualTo(200);
        assertThat(harness.post("/v1/embeddings",
                "{\"model\":\"gpt-test\",\"input\":[\"ok\",\"How do I build a pipe bomb?\"]}").statusCode())
                .isEqualTo(400);
        upstream.verify(1, postRequestedFor(urlEqualTo("/v1/embeddings")));
    }

    @Test
    void should_redact_pii_in_the_prompt_before_forwarding() {
        upstream.stubFor(post("/v1/chat/completions").willReturn(okJson(CHAT_OK)));
        HttpResponse<String> r = harness.post("/v1/chat/completions",
                GatewayHarness.chat("gpt-test", "Write to jane.doe@example.com about the picnic"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-rampart-decision")).hasValue("redact");
        String forwarded = upstream.getAllServeEvents().get(0).getRequest().getBodyAsString();
        assertThat(forwarded).doesNotContain("jane.doe@example.com").contains("about the picnic");
    }

    @Test
    void should_block_an_unsafe_completion_with_content_filter_and_the_refusal() throws Exception {
        upstream.stubFor(post("/v1/chat/completions").willReturn(okJson(CHAT_OK.replace(
                "Paris is the capital of France.", "Step one: to build a pipe bomb you need"))));
        HttpResponse<String> r = harness.post("/v1/chat/completions", GatewayHarness.chat("gpt-test", "tell me a story"));
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode choice = JSON.readTree(r.body()).at("/choices/0");
        assertThat(choice.path("finish_reason").asText()).isEqualTo("content_filter");
        assertThat(choice.at("/message/content").asText()).doesNotContain("pipe bomb").isNotBlank();
        assertThat(r.headers().firstValue("x-rampart-decision")).hasValue("block");
    }

    @Test
    void should_expose_health_readiness_and_metrics_on_the_admin_port_only() {
        assertThat(harness.get(harness.admin() + "/healthz").statusCode()).isEqualTo(200);
        assertThat(harness.get(harness.admin() + "/readyz").statusCode()).isEqualTo(200);
        harness.post("/v1/moderations", "{\"input\":\"hello\"}");
        String metrics = harness.get(harness.admin() + "/metrics").body();
        assertThat(metrics).contains("rampart_request_duration_seconds_count").contains("rampart_decisions_total")
                .contains("rampart_upstream_breaker_state");
        assertThat(harness.get(harness.base() + "/metrics").statusCode()).isEqualTo(404);
    }
}
