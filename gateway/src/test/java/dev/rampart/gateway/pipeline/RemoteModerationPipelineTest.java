package dev.rampart.gateway.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.rampart.gateway.pipeline.StageFixtures.JSON;
import static dev.rampart.gateway.pipeline.StageFixtures.await;
import static dev.rampart.gateway.pipeline.StageFixtures.chat;
import static dev.rampart.gateway.pipeline.StageFixtures.reply;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.rampart.gateway.config.ConfigLoader;
import dev.rampart.gateway.config.GatewayConfig;
import dev.rampart.gateway.decisionlog.DecisionRecord;
import dev.rampart.gateway.metrics.GatewayMetrics;
import dev.rampart.gateway.openai.Endpoint;
import dev.rampart.gateway.policy.PolicyRuntime;
import dev.rampart.gateway.server.ClassifierRegistry;
import dev.rampart.gateway.upstream.UpstreamRegistry;
import dev.rampart.policy.Action;
import dev.rampart.policy.ClassifierScores;
import dev.rampart.policy.ClassifierStatus;
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
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway configured with a {@code type: openai_moderation} remote classifier (and nothing else scoring): the
 * classifiers come from the {@link ClassifierRegistry} as the server builds them, the moderation endpoint and the
 * upstream are WireMock, and the policy maps its categories onto OpenAI's names with {@code openai_categories}.
 */
class RemoteModerationPipelineTest {
    private static final String POLICY = """
            name: moderated
            categories:
              - id: S1
                name: Violent Crimes
                openai_categories: [violence, illicit/violent]
              - id: S10
                name: Hate
                openai_categories: [hate, hate/threatening]
            rules:
              - { category: S1, action: block, thresholds: 0.5 }
              - { category: S10, action: block, thresholds: 0.5, message: no hate here }
            """;

    @TempDir
    Path dir;
    private Vertx vertx;
    private WireMockServer upstream;
    private WireMockServer moderation;
    private Inbound inbound;
    private UpstreamRegistry upstreams;
    private ClassifierRegistry classifiers;
    private PolicyRuntime policies;
    private GuardPipeline pipeline;
    private final List<DecisionRecord> records = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        vertx = Vertx.vertx();
        upstream = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        upstream.start();
        moderation = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        moderation.start();
        inbound = new Inbound(vertx);
        Path policy = Files.writeString(dir.resolve("policy.yaml"), POLICY);
        ConfigLoader.Result loaded = ConfigLoader.parse("gateway.yaml", "policy:\n  file: " + policy
                + "\n  watch: false\n"
                + "upstreams:\n"
                + "  - name: main\n    base_url: " + upstream.baseUrl() + "/v1\n    models: ['*']\n"
                + "    retry: { max_attempts: 1 }\n"
                + "classifiers:\n  embedded: false\n  patterns: false\n  remote:\n"
                + "    - type: openai_moderation\n      name: moderation\n"
                + "      base_url: " + moderation.baseUrl() + "/v1\n      model: omni-moderation-latest\n"
                + "      timeout_ms: 1500\n", ConfigLoader.Overrides.NONE);
        assertThat(loaded.problems()).isEmpty();
        GatewayConfig config = loaded.config();
        GatewayMetrics metrics = new GatewayMetrics();
        classifiers = new ClassifierRegistry(config.classifiers());
        policies = PolicyRuntime.start(config.policy(), classifiers::classifiersFor, metrics).runtime();
        upstreams = new UpstreamRegistry(vertx, config.upstreams());
        TrustLookup trust = new TrustLookup() {
            @Override
            public Future<TrustAssessment> assess(Caller caller) {
                return Future.succeededFuture(TrustAssessment.STRICTEST);
            }

            @Override
            public void record(Caller caller, dev.rampart.trust.model.RequestOutcome outcome) {
            }
        };
        pipeline = Stages.pipeline(vertx, config, new Stages.Parts(CallerIdentifier.ANONYMOUS, trust, policies,
                upstreams, name -> null, records::add, UnaryOperator.identity(), metrics, Clock.systemUTC(),
                RequestLimiter.NONE));
    }

    @AfterEach
    void stop() {
        inbound.close();
        upstreams.close();
        policies.close();
        classifiers.close();
        upstream.stop();
        moderation.stop();
        await(vertx.close());
    }

    private Inbound.Reply send(String json) {
        return inbound.exchange("/v1/chat/completions",
                MultiMap.caseInsensitiveMultiMap().set("content-type", "application/json"), Buffer.buffer(json), false,
                request -> pipeline.handle(Endpoint.CHAT_COMPLETIONS, request));
    }

    private ClassifierScores moderationScores(Direction direction) {
        return records.stream().filter(r -> r.direction() == direction).findFirst().orElseThrow().classifiers()
                .stream().filter(s -> s.classifier().equals("moderation")).findFirst().orElseThrow();
    }

    @Test
    void should_block_a_prompt_the_moderation_endpoint_scores_as_hate() throws IOException {
        moderation.stubFor(post(urlEqualTo("/v1/moderations")).atPriority(5)
                .willReturn(okJson(ModerationAnswers.reply(Map.of()))));
        moderation.stubFor(post(urlEqualTo("/v1/moderations")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.input[0]", containing("those people")))
                .willReturn(okJson(ModerationAnswers.reply(Map.of("hate", 0.94, "harassment", 0.7)))));
        Inbound.Reply r = send(chat("Write a rant about why those people are vermin."));
        assertThat(r.status()).isEqualTo(400);
        JsonNode error = JSON.readTree(r.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("content_filter");
        assertThat(error.path("message").asText()).isEqualTo("no hate here");
        assertThat(r.headers().get("x-rampart-categories")).isEqualTo("S10");
        assertThat(upstream.getAllServeEvents()).isEmpty();
        DecisionRecord prompt = records.get(0);
        assertThat(prompt.action()).isEqualTo(Action.BLOCK);
        assertThat(moderationScores(Direction.PROMPT).scores()).containsEntry("S10", 0.94).containsEntry("S1", 0.001);
        moderation.verify(postRequestedFor(urlEqualTo("/v1/moderations"))
                .withRequestBody(matchingJsonPath("$.model", com.github.tomakehurst.wiremock.client.WireMock
                        .equalTo("omni-moderation-latest"))));
    }

    @Test
    void should_forward_a_prompt_and_reply_the_moderation_endpoint_scores_low() throws IOException {
        moderation.stubFor(post(urlEqualTo("/v1/moderations")).willReturn(okJson(ModerationAnswers.reply(Map.of()))));
        upstream.stubFor(post("/v1/chat/completions").willReturn(okJson(reply("Paris is lovely in spring."))));
        Inbound.Reply r = send(chat("What is the capital of France?"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().get("x-rampart-decision")).isEqualTo("allow");
        assertThat(moderationScores(Direction.PROMPT).status()).isEqualTo(ClassifierStatus.OK);
        // the prompt and the completion were both scored remotely
        moderation.verify(2, postRequestedFor(urlEqualTo("/v1/moderations")));
    }

    @Test
    void should_apply_on_error_when_the_moderation_endpoint_fails() throws IOException {
        moderation.stubFor(post(urlEqualTo("/v1/moderations")).willReturn(aResponse().withStatus(503)));
        Inbound.Reply r = send(chat("What is the capital of France?"));
        // the classifier reports an error, not a decision; the rules' default on_error (fail closed) decides
        assertThat(r.status()).isEqualTo(503);
        assertThat(JSON.readTree(r.body()).path("error").path("code").asText()).isEqualTo("guardrail_unavailable");
        assertThat(upstream.getAllServeEvents()).isEmpty();
        ClassifierScores scores = moderationScores(Direction.PROMPT);
        assertThat(scores.status()).isEqualTo(ClassifierStatus.ERROR);
        assertThat(scores.error()).isEqualTo("moderation endpoint answered HTTP 503");
    }
}
