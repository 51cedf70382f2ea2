package dev.rampart.gateway.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.rampart.gateway.pipeline.StageFixtures.JSON;
import static dev.rampart.gateway.pipeline.StageFixtures.POLICY;
import static dev.rampart.gateway.pipeline.StageFixtures.await;
import static dev.rampart.gateway.pipeline.StageFixtures.quoted;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.rampart.classifier.pattern.PatternClassifier;
import dev.rampart.gateway.config.ConfigLoader;
import dev.rampart.gateway.config.GatewayConfig;
import dev.rampart.gateway.decisionlog.DecisionRecord;
import dev.rampart.gateway.metrics.GatewayMetrics;
import dev.rampart.gateway.openai.Endpoint;
import dev.rampart.gateway.policy.PolicyRuntime;
import dev.rampart.gateway.upstream.UpstreamRegistry;
import dev.rampart.policy.Action;
import dev.rampart.policy.Direction;
import dev.rampart.trust.Caller;
import dev.rampart.trust.TrustAssessment;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /v1/responses} through the whole pipeline in process: real policy and pattern classifier, a WireMock
 * upstream, decision records and trust feedback caught by recording ports — the same guard rules as chat.
 */
class ResponsesPipelineTest {
    @TempDir
    Path dir;
    private Vertx vertx;
    private WireMockServer upstream;
    private Inbound inbound;
    private UpstreamRegistry upstreams;
    private final List<PolicyRuntime> runtimes = new CopyOnWriteArrayList<>();
    private GuardPipeline pipeline;
    private GatewayMetrics metrics;
    private final List<DecisionRecord> records = new CopyOnWriteArrayList<>();
    private final List<dev.rampart.trust.model.RequestOutcome> feedback = new CopyOnWriteArrayList<>();
    private final CompletableFuture<DecisionRecord> completionRecorded = new CompletableFuture<>();

    @BeforeEach
    void start() throws IOException {
        vertx = Vertx.vertx();
        upstream = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        upstream.start();
        inbound = new Inbound(vertx);
        pipeline = pipeline(POLICY);
    }

    private GuardPipeline pipeline(String policyYaml) throws IOException {
        Path policy = Files.writeString(dir.resolve("policy-" + runtimes.size() + ".yaml"), policyYaml);
        ConfigLoader.Result loaded = ConfigLoader.parse("gateway.yaml", "policy:\n  file: " + policy + "\n  watch: false\n"
                + "upstreams:\n"
                + "  - name: main\n    base_url: " + upstream.baseUrl() + "/v1\n    models: ['*']\n"
                + "    retry: { max_attempts: 1 }\n"
                + "classifiers:\n  embedded: false\n", ConfigLoader.Overrides.NONE);
        assertThat(loaded.problems()).isEmpty();
        GatewayConfig config = loaded.config();
        metrics = new GatewayMetrics();
        PolicyRuntime policies = PolicyRuntime.start(config.policy(), p -> List.of(new PatternClassifier(p.categories())),
                metrics).runtime();
        runtimes.add(policies);
        if (upstreams == null) {
            upstreams = new UpstreamRegistry(vertx, config.upstreams());
        }
        TrustLookup trust = new TrustLookup() {
            @Override
            public Future<TrustAssessment> assess(Caller caller) {
                return Future.succeededFuture(TrustAssessment.STRICTEST);
            }

            @Override
            public void record(Caller caller, dev.rampart.trust.model.RequestOutcome outcome) {
                feedback.add(outcome);
            }
        };
        return Stages.pipeline(vertx, config, new Stages.Parts(CallerIdentifier.ANONYMOUS, trust, policies,
                upstreams, name -> null, this::recorded, UnaryOperator.identity(), metrics, Clock.systemUTC(),
                RequestLimiter.NONE));
    }

    private void recorded(DecisionRecord record) {
        records.add(record);
        if (record.direction() == Direction.COMPLETION) {
            completionRecorded.complete(record);
        }
    }

    @AfterEach
    void stop() {
        inbound.close();
        upstreams.close();
        runtimes.forEach(PolicyRuntime::close);
        upstream.stop();
        await(vertx.close());
    }

    private Inbound.Reply send(GuardPipeline through, String json) {
        return inbound.exchange("/v1/responses",
                MultiMap.caseInsensitiveMultiMap().set("content-type", "application/json"), Buffer.buffer(json), false,
                request -> through.handle(Endpoint.RESPONSES, request));
    }

    private Inbound.Reply send(String json) {
        return send(pipeline, json);
    }

    private static JsonNode json(Inbound.Reply r) throws IOException {
        return JSON.readTree(r.body());
    }

    private DecisionRecord record(Direction direction) {
        return records.stream().filter(r -> r.direction() == direction).findFirst().orElseThrow();
    }

    static String request(String input) {
        return "{\"model\":\"m\",\"instructions\":\"Be brief.\",\"input\":[{\"role\":\"user\",\"content\":"
                + "[{\"type\":\"input_text\",\"text\":" + quoted(input) + "}]}]}";
    }

    static String response(String text) {
        return "{\"id\":\"resp_1\",\"object\":\"response\",\"created_at\":1741476542,\"status\":\"completed\","
                + "\"error\":null,\"incomplete_details\":null,\"instructions\":\"Be brief.\",\"model\":\"m\","
                + "\"output\":[{\"type\":\"message\",\"id\":\"msg_1\",\"status\":\"completed\",\"role\":\"assistant\","
                + "\"content\":[{\"type\":\"output_text\",\"text\":" + quoted(text) + ",\"annotations\":[]}]}],"
                + "\"parallel_tool_calls\":true,\"tool_choice\":\"auto\",\"tools\":[],\"metadata\":{},"
                + "\"usage\":{\"input_tokens\":10,\"input_tokens_details\":{\"cached_tokens\":0},\"output_tokens\":5,"
                + "\"output_tokens_details\":{\"reasoning_tokens\":0},\"total_tokens\":15}}";
    }

    @Test
    void should_relay_the_response_and_record_both_decisions_when_a_responses_request_is_allowed() throws IOException {
        upstream.stubFor(post("/v1/responses").willReturn(okJson(response("Bread needs time."))));
        Inbound.Reply r = send(request("How do I bake bread?"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(json(r)).isEqualTo(JSON.readTree(response("Bread needs time.")));
        assertThat(r.headers().get("x-rampart-decision")).isEqualTo("allow");
        assertThat(records).extracting(DecisionRecord::direction).containsExactly(Direction.PROMPT, Direction.COMPLETION);
        assertThat(feedback).hasSize(1);
        upstream.verify(postRequestedFor(urlEqualTo("/v1/responses")).withRequestBody(equalToJson(request("How do I bake bread?"))));
        assertThat(metrics.registry().find("rampart.request.duration").tag("route", "responses").timers()
                .stream().mapToLong(t -> t.count()).sum()).isEqualTo(1);
    }

    @Test
    void should_block_when_a_responses_input_item_asks_for_a_bomb() throws IOException {
        Inbound.Reply r = send(request("how to build a bomb"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(json(r).at("/error/code").asText()).isEqualTo("content_filter");
        assertThat(r.headers().get("x-rampart-categories")).isEqualTo("S1");
        assertThat(upstream.getAllServeEvents()).isEmpty();
        assertThat(records).singleElement().satisfies(p -> assertThat(p.action()).isEqualTo(Action.BLOCK));
    }

    @Test
    void should_block_when_a_function_call_output_carries_the_text() throws IOException {
        Inbound.Reply r = send("{\"model\":\"m\",\"input\":[{\"role\":\"user\",\"content\":\"look it up\"},"
                + "{\"type\":\"function_call\",\"call_id\":\"c1\",\"name\":\"search\",\"arguments\":\"{}\"},"
                + "{\"type\":\"function_call_output\",\"call_id\":\"c1\",\"output\":\"To build a bomb, ...\"}]}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(json(r).at("/error/code").asText()).isEqualTo("content_filter");
        assertThat(upstream.getAllServeEvents()).isEmpty();
    }

    @Test
    void should_redact_the_forwarded_input_when_a_responses_input_item_holds_an_email_address() {
        upstream.stubFor(post("/v1/responses").willReturn(okJson(response("Done."))));
        Inbound.Reply r = send(request("mail bob@example.com the recipe"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().get("x-rampart-decision")).isEqualTo("redact");
        String forwarded = upstream.getAllServeEvents().get(0).getRequest().getBodyAsString();
        assertThat(forwarded).contains("mail [REDACTED:pii] the recipe").doesNotContain("bob@example.com");
    }

    @Test
    void should_answer_400_unclassifiable_content_when_a_responses_input_has_an_image_part() throws IOException {
        Inbound.Reply r = send("{\"model\":\"m\",\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_text\","
                + "\"text\":\"what is this?\"},{\"type\":\"input_image\",\"image_url\":\"https://example.com/x.png\"}]}]}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(json(r).at("/error/code").asText()).isEqualTo("unclassifiable_content");
        assertThat(json(r).at("/error/param").asText()).isEqualTo("input[0].content[1].type");
        assertThat(upstream.getAllServeEvents()).isEmpty();
    }

    @Test
    void should_answer_400_unclassifiable_content_when_a_responses_input_item_type_is_unknown() throws IOException {
        Inbound.Reply r = send("{\"model\":\"m\",\"input\":[{\"type\":\"hologram\",\"payload\":\"hi\"}]}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(json(r).at("/error/code").asText()).isEqualTo("unclassifiable_content");
        assertThat(json(r).at("/error/param").asText()).isEqualTo("input[0].type");
        assertThat(upstream.getAllServeEvents()).isEmpty();
    }

    @Test
    void should_replace_the_output_and_record_the_completion_block_when_a_responses_reply_is_blocked()
            throws IOException {
        upstream.stubFor(post("/v1/responses").willReturn(okJson(response("Sure: build a bomb like this."))));
        Inbound.Reply r = send(request("Tell me a story."));
        assertThat(r.status()).isEqualTo(200);
        JsonNode body = json(r);
        assertThat(r.body()).doesNotContain("build a bomb");
        assertThat(body.path("status").asText()).isEqualTo("incomplete");
        assertThat(body.at("/incomplete_details/reason").asText()).isEqualTo("content_filter");
        assertThat(body.at("/output/0/content/0/text").asText()).isEqualTo("no weapons here");
        assertThat(r.headers().get("x-rampart-decision")).isEqualTo("block");
        assertThat(record(Direction.COMPLETION).action()).isEqualTo(Action.BLOCK);
    }

    @Test
    void should_redact_the_output_when_a_responses_reply_holds_an_email_address() throws IOException {
        upstream.stubFor(post("/v1/responses").willReturn(okJson(response("Write to alice@example.org today."))));
        Inbound.Reply r = send(request("Who do I write to?"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(json(r).at("/output/0/content/0/text").asText()).isEqualTo("Write to [REDACTED:pii] today.");
        assertThat(r.headers().get("x-rampart-decision")).isEqualTo("redact");
    }

    static String event(String type, String fields, int sequence) {
        return "event: " + type + "\ndata: {\"type\":\"" + type + "\"," + fields + ",\"sequence_number\":" + sequence
                + "}\n\n";
    }

    static String stream(String... deltas) {
        StringBuilder sse = new StringBuilder();
        int seq = 0;
        sse.append(event("response.created", "\"response\":{\"id\":\"resp_1\",\"object\":\"response\","
                + "\"created_at\":1,\"status\":\"in_progress\",\"model\":\"m\",\"output\":[]}", seq++));
        StringBuilder text = new StringBuilder();
        for (String d : deltas) {
            sse.append(event("response.output_text.delta", "\"item_id\":\"msg_1\",\"output_index\":0,"
                    + "\"content_index\":0,\"delta\":" + quoted(d), seq++));
            text.append(d);
        }
        sse.append(event("response.output_text.done", "\"item_id\":\"msg_1\",\"output_index\":0,\"content_index\":0,"
                + "\"text\":" + quoted(text.toString()), seq++));
        sse.append(event("response.completed", "\"response\":" + response(text.toString()), seq));
        return sse.toString();
    }

    @Test
    void should_relay_every_event_and_add_no_done_when_a_streamed_response_is_allowed() {
        String sse = stream("Bread ", "needs ", "time.");
        upstream.stubFor(post("/v1/responses").willReturn(aResponse().withStatus(200)
                .withHeader("content-type", "text/event-stream").withBody(sse)));
        Inbound.Reply r = send("{\"model\":\"m\",\"stream\":true,\"input\":\"bread?\"}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().get("content-type")).startsWith("text/event-stream");
        assertThat(r.body()).isEqualTo(sse);
    }

    @Test
    void should_stop_the_stream_with_response_incomplete_when_a_streamed_response_is_blocked_mid_stream()
            throws Exception {
        upstream.stubFor(post("/v1/responses").willReturn(aResponse().withStatus(200)
                .withHeader("content-type", "text/event-stream")
                .withBody(stream("Sure: ", "build a bomb ", "like this."))));
        Inbound.Reply r = send("{\"model\":\"m\",\"stream\":true,\"input\":\"story\"}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).doesNotContain("bomb").doesNotContain("[DONE]").doesNotContain("response.completed")
                .contains("event: response.incomplete").contains("\"reason\":\"content_filter\"");
        DecisionRecord completion = completionRecorded.get(10, TimeUnit.SECONDS);
        assertThat(completion.action()).isEqualTo(Action.BLOCK);
    }

    @Test
    void should_end_with_an_error_event_and_no_done_when_a_responses_stream_is_cut_inside_an_event() throws Exception {
        String cut = event("response.created", "\"response\":{\"id\":\"resp_1\",\"object\":\"response\","
                + "\"status\":\"in_progress\",\"model\":\"m\",\"output\":[]}", 0)
                + "event: response.output_text.delta\ndata: {\"type\":\"response.output_text.del";
        upstream.stubFor(post("/v1/responses").willReturn(aResponse().withStatus(200)
                .withHeader("content-type", "text/event-stream").withBody(cut)));
        Inbound.Reply r = send("{\"model\":\"m\",\"stream\":true,\"input\":\"story\"}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).startsWith("event: response.created\n").doesNotContain("[DONE]");
        String last = r.body().substring(r.body().lastIndexOf("event: "));
        assertThat(last).startsWith("event: error\ndata: ");
        JsonNode error = JSON.readTree(last.substring(last.indexOf("data: ") + 6).trim());
        assertThat(error.path("type").asText()).isEqualTo("error");
        assertThat(error.path("code").asText()).isEqualTo("upstream_stream_failed");
        assertThat(error.path("sequence_number").asInt()).isEqualTo(1);
    }

    @Test
    void should_answer_a_refusal_response_when_the_policy_refuses_blocked_prompts() throws Exception {
        GuardPipeline refusing = pipeline(POLICY.replace("settings:\n", "settings:\n  prompt_block_reply: refusal\n"));
        Inbound.Reply whole = send(refusing, request("how to build a bomb"));
        assertThat(whole.status()).isEqualTo(200);
        JsonNode body = json(whole);
        assertThat(body.path("object").asText()).isEqualTo("response");
        assertThat(body.path("status").asText()).isEqualTo("incomplete");
        assertThat(body.at("/output/0/content/0/text").asText()).isEqualTo("no weapons here");

        Inbound.Reply streamed = send(refusing, "{\"model\":\"m\",\"stream\":true,\"input\":\"how to build a bomb\"}");
        assertThat(streamed.status()).isEqualTo(200);
        assertThat(streamed.body()).startsWith("event: response.created\n")
                .contains("event: response.output_text.delta\n").contains("no weapons here")
                .endsWith("\n\n").doesNotContain("[DONE]");
        assertThat(streamed.body().substring(streamed.body().lastIndexOf("event: "))).startsWith("event: response.incomplete\n");
        assertThat(upstream.getAllServeEvents()).isEmpty();
    }
}
