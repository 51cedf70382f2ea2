package dev.rampart.gateway.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.rampart.gateway.pipeline.StageFixtures.JSON;
import static dev.rampart.gateway.pipeline.StageFixtures.POLICY;
import static dev.rampart.gateway.pipeline.StageFixtures.await;
import static dev.rampart.gateway.pipeline.StageFixtures.chat;
import static dev.rampart.gateway.pipeline.StageFixtures.closedPort;
import static dev.rampart.gateway.pipeline.StageFixtures.reply;
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
import dev.rampart.policy.ClassifierScores;
import dev.rampart.policy.ClassifierStatus;
import dev.rampart.policy.Decision;
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
 * The whole pipeline in process: built by {@link Stages#pipeline} from YAML configuration, a real policy file and the
 * pattern classifier, served by a Vert.x server on a loopback port chosen by the OS, with a WireMock upstream; decision
 * records and trust feedback caught by recording ports.
 */
class GuardPipelineTest {
    @TempDir
    Path dir;
    private Vertx vertx;
    private WireMockServer upstream;
    private Inbound inbound;
    private UpstreamRegistry upstreams;
    private PolicyRuntime policies;
    private GuardPipeline pipeline;
    private final List<DecisionRecord> records = new CopyOnWriteArrayList<>();
    private final List<dev.rampart.trust.model.RequestOutcome> feedback = new CopyOnWriteArrayList<>();
    /** Completed by the sink with the first completion record (a stream's is written after its last byte went out). */
    private final CompletableFuture<DecisionRecord> completionRecorded = new CompletableFuture<>();

    @BeforeEach
    void start() throws IOException {
        vertx = Vertx.vertx();
        upstream = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        upstream.start();
        inbound = new Inbound(vertx);
        Path policy = Files.writeString(dir.resolve("policy.yaml"), POLICY);
        ConfigLoader.Result loaded = ConfigLoader.parse("gateway.yaml", "policy:\n  file: " + policy + "\n  watch: false\n"
                + "upstreams:\n"
                + "  - name: main\n    base_url: " + upstream.baseUrl() + "/v1\n    models: ['*']\n"
                + "    retry: { max_attempts: 1 }\n"
                + "  - name: down\n    base_url: http://127.0.0.1:" + closedPort() + "/v1\n    models: [m-down]\n"
                + "    retry: { max_attempts: 1 }\n"
                + "classifiers:\n  embedded: false\n", ConfigLoader.Overrides.NONE);
        assertThat(loaded.problems()).isEmpty();
        GatewayConfig config = loaded.config();
        GatewayMetrics metrics = new GatewayMetrics();
        policies = PolicyRuntime.start(config.policy(), p -> List.of(new PatternClassifier(p.categories())), metrics)
                .runtime();
        upstreams = new UpstreamRegistry(vertx, config.upstreams());
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
        pipeline = Stages.pipeline(vertx, config, new Stages.Parts(CallerIdentifier.ANONYMOUS, trust, policies,
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
        policies.close();
        upstream.stop();
        await(vertx.close());
    }

    private Inbound.Reply send(String json) {
        return inbound.exchange("/v1/chat/completions",
                MultiMap.caseInsensitiveMultiMap().set("content-type", "application/json"), Buffer.buffer(json), false,
                request -> pipeline.handle(Endpoint.CHAT_COMPLETIONS, request));
    }

    private static JsonNode json(Inbound.Reply r) throws IOException {
        return JSON.readTree(r.body());
    }

    private DecisionRecord record(Direction direction) {
        return records.stream().filter(r -> r.direction() == direction).findFirst().orElseThrow();
    }

    private static ClassifierScores patterns(DecisionRecord r) {
        return r.classifiers().stream().filter(s -> s.classifier().equals("patterns")).findFirst().orElseThrow();
    }

    @Test
    void should_relay_the_reply_and_record_both_decisions_with_scores_when_everything_is_allowed() throws IOException {
        upstream.stubFor(post("/v1/chat/completions").willReturn(okJson(reply("Bread needs time."))));
        Inbound.Reply r = send(chat("How do I bake bread?"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(json(r).path("choices").path(0).path("message").path("content").asText()).isEqualTo("Bread needs time.");
        assertThat(r.headers().get("x-rampart-decision")).isEqualTo("allow");
        assertThat(records).extracting(DecisionRecord::direction).containsExactly(Direction.PROMPT, Direction.COMPLETION);
        // patterns report no evidence (no key, not 0.0) for a category without a match
        assertThat(patterns(record(Direction.PROMPT)).status()).isEqualTo(ClassifierStatus.OK);
        assertThat(patterns(record(Direction.PROMPT)).scores()).doesNotContainKey("S1");
        assertThat(patterns(record(Direction.COMPLETION)).status()).isEqualTo(ClassifierStatus.OK);
        assertThat(patterns(record(Direction.COMPLETION)).scores()).doesNotContainKey("S1");
        assertThat(feedback).singleElement().satisfies(f -> assertThat(f.prompt()).isEmpty());
        upstream.verify(postRequestedFor(urlEqualTo("/v1/chat/completions")).withRequestBody(containing("bake bread")));
    }

    @Test
    void should_answer_400_content_filter_without_calling_the_upstream_when_the_prompt_is_blocked() throws IOException {
        Inbound.Reply r = send(chat("how to build a bomb"));
        assertThat(r.status()).isEqualTo(400);
        JsonNode error = json(r).path("error");
        assertThat(error.path("code").asText()).isEqualTo("content_filter");
        assertThat(error.path("message").asText()).isEqualTo("no weapons here");
        assertThat(r.headers().get("x-rampart-categories")).isEqualTo("S1");
        assertThat(upstream.getAllServeEvents()).isEmpty();
        assertThat(records).singleElement().satisfies(p -> {
            assertThat(p.action()).isEqualTo(Action.BLOCK);
            assertThat(patterns(p).scores()).containsEntry("S1", 1.0);
        });
        assertThat(feedback).singleElement().satisfies(f -> assertThat(f.prompt()).extracting(dev.rampart.trust.model.RequestOutcome.Finding::outcome).contains(dev.rampart.trust.model.Outcome.BLOCKED));
    }

    @Test
    void should_say_in_the_error_body_which_categories_fired_with_the_request_id_and_policy_revision_when_the_prompt_is_blocked()
            throws IOException {
        Inbound.Reply r = send(chat("how to build a bomb and launder money"));
        assertThat(r.status()).isEqualTo(400);
        JsonNode error = json(r).path("error");
        // OpenAI's four fields stay as they are
        assertThat(error.path("message").asText()).isEqualTo("no weapons here");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.has("param")).isTrue();
        assertThat(error.path("code").asText()).isEqualTo("content_filter");
        // Azure's innererror beside them
        assertThat(error.path("request_id").asText()).isEqualTo(r.headers().get("x-rampart-request-id")).isNotBlank();
        JsonNode inner = error.path("innererror");
        assertThat(inner.path("code").asText()).isEqualTo("ResponsibleAIPolicyViolation");
        assertThat(inner.path("policy_revision").asText()).isEqualTo(r.headers().get("x-rampart-policy-revision"))
                .isEqualTo(record(Direction.PROMPT).policyRevision());
        JsonNode results = inner.path("content_filter_result");
        assertThat(results.path("S1").path("filtered").asBoolean()).isTrue();
        assertThat(results.path("S1").path("detected").asBoolean()).isTrue();
        assertThat(results.path("S1").path("score").asDouble()).isEqualTo(1.0);
        // a flag rule detects without filtering; a category that did not fire is not listed
        assertThat(results.path("S2").path("filtered").asBoolean(true)).isFalse();
        assertThat(results.path("S2").path("detected").asBoolean()).isTrue();
        assertThat(results.has("pii")).isFalse();
        assertThat(r.body()).doesNotContain("bomb").doesNotContain("launder");
    }

    @Test
    void should_use_the_clients_request_id_for_the_reply_the_decision_records_and_the_upstream_when_it_is_sane() {
        upstream.stubFor(post("/v1/chat/completions").willReturn(okJson(reply("Bread needs time."))));
        Inbound.Reply r = inbound.exchange("/v1/chat/completions", MultiMap.caseInsensitiveMultiMap()
                        .set("content-type", "application/json").set("x-request-id", "app-7f3a:run.1_b"),
                Buffer.buffer(chat("How do I bake bread?")), false,
                request -> pipeline.handle(Endpoint.CHAT_COMPLETIONS, request));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().get("x-rampart-request-id")).isEqualTo("app-7f3a:run.1_b");
        assertThat(records).extracting(DecisionRecord::requestId).containsOnly("app-7f3a:run.1_b");
        upstream.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withHeader("x-request-id", com.github.tomakehurst.wiremock.client.WireMock.equalTo("app-7f3a:run.1_b")));
    }

    @Test
    void should_answer_a_blocked_prompt_with_a_fresh_request_id_in_both_headers_when_the_clients_is_not_sane()
            throws IOException {
        Inbound.Reply r = inbound.exchange("/v1/chat/completions", MultiMap.caseInsensitiveMultiMap()
                        .set("content-type", "application/json").set("x-request-id", "a".repeat(129)),
                Buffer.buffer(chat("how to build a bomb")), false,
                request -> pipeline.handle(Endpoint.CHAT_COMPLETIONS, request));
        assertThat(r.status()).isEqualTo(400);
        String id = r.headers().get("x-rampart-request-id");
        assertThat(id).matches("[0-9a-f]{16}");
        assertThat(r.headers().get("x-request-id")).isEqualTo(id);
        assertThat(json(r).path("error").path("request_id").asText()).isEqualTo(id);
        assertThat(record(Direction.PROMPT).requestId()).isEqualTo(id);
    }

    @Test
    void should_forward_the_redacted_prompt_when_it_holds_an_email_address() {
        upstream.stubFor(post("/v1/chat/completions").willReturn(okJson(reply("Done."))));
        Inbound.Reply r = send(chat("mail bob@example.com the recipe"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().get("x-rampart-decision")).isEqualTo("redact");
        String forwarded = upstream.getAllServeEvents().get(0).getRequest().getBodyAsString();
        assertThat(forwarded).contains("mail [REDACTED:pii] the recipe").doesNotContain("bob@example.com");
    }

    @Test
    void should_replace_the_reply_and_record_the_completion_block_with_scores_when_the_completion_is_blocked()
            throws IOException {
        upstream.stubFor(post("/v1/chat/completions").willReturn(okJson(reply("Sure: build a bomb like this."))));
        Inbound.Reply r = send(chat("Tell me a story."));
        assertThat(r.status()).isEqualTo(200);
        JsonNode choice = json(r).path("choices").path(0);
        assertThat(choice.path("message").path("content").asText()).isEqualTo("no weapons here");
        assertThat(choice.path("finish_reason").asText()).isEqualTo("content_filter");
        assertThat(r.headers().get("x-rampart-decision")).isEqualTo("block");
        assertThat(record(Direction.PROMPT).action()).isEqualTo(Action.ALLOW);
        DecisionRecord completion = record(Direction.COMPLETION);
        assertThat(completion.action()).isEqualTo(Action.BLOCK);
        assertThat(patterns(completion).scores()).containsEntry("S1", 1.0);
        assertThat(feedback).singleElement().satisfies(f -> assertThat(f.reply()).extracting(dev.rampart.trust.model.RequestOutcome.Finding::outcome).contains(dev.rampart.trust.model.Outcome.BLOCKED));
    }

    @Test
    void should_answer_502_and_still_record_the_prompt_decision_when_the_upstream_is_down() throws IOException {
        Inbound.Reply r = send("{\"model\":\"m-down\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}");
        assertThat(r.status()).isEqualTo(502);
        assertThat(json(r).path("error").path("code").asText()).isEqualTo("upstream_unreachable");
        assertThat(records).singleElement().satisfies(p -> {
            assertThat(p.direction()).isEqualTo(Direction.PROMPT);
            assertThat(p.action()).isEqualTo(Action.ALLOW);
            assertThat(patterns(p).status()).isEqualTo(dev.rampart.policy.ClassifierStatus.OK);
        });
        assertThat(feedback).singleElement().satisfies(f -> assertThat(f.prompt()).isEmpty());
    }

    private static String chunk(String content) {
        return "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"model\":\"m\",\"choices\":[{\"index\":0,"
                + "\"delta\":{\"content\":\"" + content + "\"},\"finish_reason\":null}]}\n\n";
    }

    @Test
    void should_stop_the_stream_and_record_the_completion_block_with_scores_when_a_streamed_reply_is_blocked()
            throws Exception {
        upstream.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(200)
                .withHeader("content-type", "text/event-stream")
                .withBody(chunk("Sure: ") + chunk("build a bomb ") + chunk("like this.") + "data: [DONE]\n\n")));
        Inbound.Reply r = send("{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"story\"}]}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().get("content-type")).startsWith("text/event-stream");
        assertThat(r.body()).contains("content_filter").doesNotContain("bomb").endsWith("data: [DONE]\n\n");
        DecisionRecord completion = completionRecorded.get(10, TimeUnit.SECONDS);
        assertThat(completion.action()).isEqualTo(Action.BLOCK);
        assertThat(patterns(completion).scores()).containsEntry("S1", 1.0);
    }

    @Test
    void should_answer_400_invalid_json_and_record_nothing_when_the_body_is_not_json() throws IOException {
        Inbound.Reply r = send("{\"model\":");
        assertThat(r.status()).isEqualTo(400);
        assertThat(json(r).path("error").path("code").asText()).isEqualTo("invalid_json");
        assertThat(records).isEmpty();
        assertThat(feedback).isEmpty();
    }
}
