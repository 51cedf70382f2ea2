package dev.rampart.gateway.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.rampart.gateway.pipeline.StageFixtures.POLICY;
import static dev.rampart.gateway.pipeline.StageFixtures.admitted;
import static dev.rampart.gateway.pipeline.StageFixtures.chat;
import static dev.rampart.gateway.pipeline.StageFixtures.closedPort;
import static dev.rampart.gateway.pipeline.StageFixtures.guard;
import static dev.rampart.gateway.pipeline.StageFixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.rampart.gateway.config.ConfigLoader;
import dev.rampart.gateway.config.GatewayConfig;
import dev.rampart.gateway.http.ApiFault;
import dev.rampart.gateway.http.FaultTable;
import dev.rampart.gateway.metrics.GatewayMetrics;
import dev.rampart.gateway.openai.Endpoint;
import dev.rampart.gateway.policy.GuardState;
import dev.rampart.gateway.upstream.UpstreamRegistry;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Stage 5 on real inbound requests against WireMock upstreams: fallback, retries, the upstream's errors relayed or
 * mapped through the catalogue, the circuit breaker and the first-byte timeout. Settings are short, from YAML.
 */
class UpstreamCallTest {
    private final GuardState guard = guard(policy(POLICY));
    private Vertx vertx;
    private Inbound inbound;
    private WireMockServer upstream;
    private UpstreamRegistry registry;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        inbound = new Inbound(vertx);
        upstream = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        upstream.start();
    }

    @AfterEach
    void stop() {
        if (registry != null) {
            registry.close();
        }
        inbound.close();
        upstream.stop();
        StageFixtures.await(vertx.close());
    }

    /** The stage with these upstreams (YAML list items). */
    private UpstreamCall stage(String upstreams) {
        ConfigLoader.Result r = ConfigLoader.parse("t.yaml", "upstreams:\n" + upstreams, ConfigLoader.Overrides.NONE);
        assertThat(r.problems()).isEmpty();
        GatewayConfig config = r.config();
        registry = new UpstreamRegistry(vertx, config.upstreams());
        return new UpstreamCall(vertx, registry, new GatewayMetrics(), config.server());
    }

    private String wiremock(String name, String settings) {
        return "  - name: " + name + "\n    base_url: " + upstream.baseUrl() + "/v1\n    models: ['*']\n" + settings;
    }

    private static String refused(String name, String settings) {
        return "  - name: " + name + "\n    base_url: http://127.0.0.1:" + closedPort() + "/v1\n    models: ['*']\n"
                + settings;
    }

    private AsyncResult<UpstreamReply> send(UpstreamCall stage, String json) {
        return inbound.run(Endpoint.CHAT_COMPLETIONS, MultiMap.caseInsensitiveMultiMap(), Buffer.buffer(json), false,
                call -> Future.succeededFuture().compose(v -> stage.send(admitted(call, json, guard))));
    }

    private static ApiFault fault(AsyncResult<?> result) {
        assertThat(result.failed()).as("the call failed").isTrue();
        return FaultTable.toFault(result.cause());
    }

    @Test
    void should_return_the_whole_reply_when_the_upstream_answers_200() {
        upstream.stubFor(post("/v1/chat/completions").willReturn(okJson(StageFixtures.reply("hello"))));
        AsyncResult<UpstreamReply> r = send(stage(wiremock("main", "")), chat("hi"));
        assertThat(r.result()).isInstanceOfSatisfying(UpstreamReply.Whole.class, whole -> {
            assertThat(whole.upstream()).isEqualTo("main");
            assertThat(whole.body().path("choices").path(0).path("message").path("content").asText()).isEqualTo("hello");
        });
    }

    private AsyncResult<UpstreamReply> send(UpstreamCall stage, MultiMap headers, String json) {
        return inbound.run(Endpoint.CHAT_COMPLETIONS, headers, Buffer.buffer(json), false,
                call -> Future.succeededFuture().compose(v -> stage.send(admitted(call, json, guard))));
    }

    @Test
    void should_forward_the_clients_sane_request_id_to_the_upstream_when_it_sends_one() {
        upstream.stubFor(post("/v1/chat/completions").willReturn(okJson(StageFixtures.reply("hello"))));
        AsyncResult<UpstreamReply> r = send(stage(wiremock("main", "")),
                MultiMap.caseInsensitiveMultiMap().set("x-request-id", "client-req_42:a.b"), chat("hi"));
        assertThat(r.succeeded()).isTrue();
        upstream.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withHeader("x-request-id", equalTo("client-req_42:a.b")));
    }

    @Test
    void should_forward_a_fresh_request_id_instead_when_the_clients_is_unsafe_or_too_long() {
        upstream.stubFor(post("/v1/chat/completions").willReturn(okJson(StageFixtures.reply("hello"))));
        UpstreamCall stage = stage(wiremock("main", ""));
        for (String bad : new String[] {"a b", "id;drop", "x".repeat(129), "\u00e9t\u00e9", "<script>"}) {
            send(stage, MultiMap.caseInsensitiveMultiMap().set("x-request-id", bad), chat("hi"));
        }
        assertThat(upstream.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions"))))
                .hasSize(5)
                .allSatisfy(req -> assertThat(req.getHeader("x-request-id")).matches("[0-9a-f]{16}"));
    }

    @Test
    void should_forward_neither_openai_organization_nor_project_when_the_upstream_does_not_allow_them() {
        upstream.stubFor(post("/v1/chat/completions").willReturn(okJson(StageFixtures.reply("hello"))));
        send(stage(wiremock("main", "")), MultiMap.caseInsensitiveMultiMap().set("OpenAI-Organization", "org-abc")
                .set("OpenAI-Project", "proj_123").set("x-other", "no"), chat("hi"));
        upstream.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withoutHeader("openai-organization").withoutHeader("openai-project").withoutHeader("x-other"));
    }

    @Test
    void should_forward_only_the_allow_listed_openai_headers_when_the_upstream_names_them() {
        upstream.stubFor(post("/v1/chat/completions").willReturn(okJson(StageFixtures.reply("hello"))));
        send(stage(wiremock("main", "    forward_client_headers: [OpenAI-Project]\n")),
                MultiMap.caseInsensitiveMultiMap().set("OpenAI-Organization", "org-abc").set("OpenAI-Project", "proj_123"),
                chat("hi"));
        upstream.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withHeader("openai-project", equalTo("proj_123")).withoutHeader("openai-organization"));
        upstream.resetRequests();
        registry.close();
        send(stage(wiremock("main", "    forward_client_headers: [openai-organization, openai-project]\n")),
                MultiMap.caseInsensitiveMultiMap().set("OpenAI-Organization", "org-abc").set("OpenAI-Project", "proj_123"),
                chat("hi"));
        upstream.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withHeader("openai-organization", equalTo("org-abc")).withHeader("openai-project", equalTo("proj_123")));
    }

    @Test
    void should_answer_400_invalid_header_without_calling_the_upstream_when_an_allow_listed_header_is_malformed() {
        upstream.stubFor(post("/v1/chat/completions").willReturn(okJson(StageFixtures.reply("hello"))));
        ApiFault f = fault(send(stage(wiremock("main", "    forward_client_headers: [openai-organization]\n")),
                MultiMap.caseInsensitiveMultiMap().set("OpenAI-Organization", "org abc,org-def"), chat("hi")));
        assertThat(f.status()).isEqualTo(400);
        assertThat(f.code()).isEqualTo("invalid_header");
        assertThat(f.param()).isEqualTo("openai-organization");
        assertThat(upstream.getAllServeEvents()).isEmpty();
    }

    @Test
    void should_retry_then_answer_502_upstream_error_when_the_upstream_keeps_failing() {
        upstream.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(503)));
        ApiFault f = fault(send(stage(wiremock("main", "    retry: { max_attempts: 2, backoff_ms: 0 }\n")), chat("hi")));
        assertThat(f.status()).isEqualTo(502);
        assertThat(f.code()).isEqualTo("upstream_error");
        upstream.verify(2, postRequestedFor(urlEqualTo("/v1/chat/completions")));
    }

    @Test
    void should_fall_back_to_the_fallback_upstream_when_the_primary_refuses_connections() {
        upstream.stubFor(post("/v1/chat/completions").willReturn(okJson(StageFixtures.reply("from backup"))));
        UpstreamCall stage = stage(refused("primary", "    retry: { max_attempts: 1 }\n    fallback: backup\n")
                + wiremock("backup", ""));
        AsyncResult<UpstreamReply> r = send(stage, chat("hi"));
        assertThat(r.succeeded()).isTrue();
        assertThat(r.result().upstream()).isEqualTo("backup");
    }

    @Test
    void should_relay_the_upstream_refusal_when_it_answers_4xx_with_an_openai_error() {
        upstream.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(404)
                .withHeader("content-type", "application/json")
                .withBody("{\"error\":{\"message\":\"no such model\",\"type\":\"invalid_request_error\","
                        + "\"param\":\"model\",\"code\":\"model_not_found\"}}")));
        AsyncResult<UpstreamReply> r = send(stage(wiremock("main", "")), chat("hi"));
        assertThat(r.result()).isInstanceOfSatisfying(UpstreamReply.Refused.class, refused -> {
            assertThat(refused.status()).isEqualTo(404);
            assertThat(refused.body().path("error").path("code").asText()).isEqualTo("model_not_found");
        });
        upstream.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions")));
    }

    @Test
    void should_keep_the_upstream_status_when_a_4xx_has_no_openai_error_body() {
        upstream.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(422).withBody("nope")));
        ApiFault f = fault(send(stage(wiremock("main", "")), chat("hi")));
        assertThat(f.status()).isEqualTo(422);
        assertThat(f.code()).isEqualTo("upstream_error");
    }

    @Test
    void should_answer_502_upstream_invalid_response_when_a_200_is_not_json() {
        upstream.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(200).withBody("<html>")));
        ApiFault f = fault(send(stage(wiremock("main", "")), chat("hi")));
        assertThat(f.status()).isEqualTo(502);
        assertThat(f.code()).isEqualTo("upstream_invalid_response");
    }

    @Test
    void should_answer_503_without_calling_when_the_circuit_is_open() {
        UpstreamCall stage = stage(refused("main", "    retry: { max_attempts: 1 }\n"
                + "    circuit_breaker: { failure_rate_threshold: 50, sliding_window: 1, minimum_calls: 1, open_ms: 60000 }\n"));
        assertThat(fault(send(stage, chat("hi"))).code()).isEqualTo("upstream_unreachable");
        ApiFault open = fault(send(stage, chat("hi")));
        assertThat(open.status()).isEqualTo(503);
        assertThat(open.code()).isEqualTo("upstream_unavailable");
    }

    @Test
    void should_answer_504_when_the_upstream_sends_no_headers_within_first_byte_ms() {
        upstream.stubFor(post("/v1/chat/completions").willReturn(okJson(StageFixtures.reply("late")).withFixedDelay(3000)));
        ApiFault f = fault(send(stage(wiremock("main", "    retry: { max_attempts: 1 }\n"
                + "    timeouts: { first_byte_ms: 100 }\n")), chat("hi")));
        assertThat(f.status()).isEqualTo(504);
        assertThat(f.code()).isEqualTo("upstream_timeout");
    }

    @Test
    void should_answer_404_model_not_found_without_any_connection_when_no_upstream_serves_the_model() {
        UpstreamCall stage = stage("  - name: main\n    base_url: " + upstream.baseUrl() + "/v1\n    models: [m]\n");
        String json = "{\"model\":\"other\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        ApiFault f = fault(send(stage, json));
        assertThat(f.status()).isEqualTo(404);
        assertThat(f.param()).isEqualTo("model");
        assertThat(upstream.getAllServeEvents()).isEmpty();
    }
}
