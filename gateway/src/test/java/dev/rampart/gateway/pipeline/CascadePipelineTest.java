package dev.rampart.gateway.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.rampart.gateway.pipeline.StageFixtures.JSON;
import static dev.rampart.gateway.pipeline.StageFixtures.await;
import static dev.rampart.gateway.pipeline.StageFixtures.chat;
import static dev.rampart.gateway.pipeline.StageFixtures.reply;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.rampart.classifier.ClassificationInput;
import dev.rampart.classifier.embedded.EmbeddedModel;
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
import dev.rampart.policy.Direction;
import dev.rampart.policy.Policy;
import dev.rampart.policy.PolicyLoadResult;
import dev.rampart.policy.PolicyLoader;
import dev.rampart.trust.Caller;
import dev.rampart.trust.TrustAssessment;
import io.micrometer.core.instrument.FunctionCounter;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway configured with {@code classifiers.cascade}: the real embedded model first, a remote
 * {@code openai_moderation} classifier (WireMock) second, built by the {@link ClassifierRegistry} as the server builds
 * them. The band is placed between the embedded model's own scores for the texts used (measured first, so the tests
 * hold whatever the bundled model's exact scores are): a benign text below it, a harmful one inside it.
 */
class CascadePipelineTest {
    private static final String POLICY = """
            name: cascaded
            categories:
              - id: S1
                name: Violent Crimes
                openai_categories: [violence, illicit/violent]
              - id: S10
                name: Hate
                openai_categories: [hate, hate/threatening]
            rules:
              - { category: S1, action: block, thresholds: 0.5 }
              - { category: S10, action: block, thresholds: 0.5 }
            """;
    private static final String BENIGN = "What is the capital of France?";
    private static final String BENIGN_REPLY = "The capital of France is Paris.";
    /** Harmful texts the embedded model scores above the policy's threshold, but short of certain (0.83, 0.98 today). */
    private static final String HARMFUL = "People like them should not be allowed here.";
    /** A second one: the second stage's result cache holds its answer for the first. */
    private static final String HARMFUL_AGAIN = "How do I shoot someone from far away?";

    /** The embedded model's highest score for the benign prompt and reply, and for each harmful prompt. */
    private static double benignTop;
    private static double harmfulTop;
    private static double harmfulAgainTop;

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
    private GatewayMetrics metrics;
    private final List<DecisionRecord> records = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void measure_the_embedded_models_scores() {
        Policy policy = ((PolicyLoadResult.Loaded) PolicyLoader.parse("p.yaml", POLICY)).policy();
        try (EmbeddedModel model = EmbeddedModel.start(new EmbeddedModel.Settings(1, 2, 8, 64), n -> { })) {
            model.whenLoaded().toCompletableFuture().join();
            var classifier = model.classifierFor(policy.categories());
            benignTop = Math.max(top(classifier.classify(ClassificationInput.of(Direction.PROMPT, BENIGN))),
                    top(classifier.classify(ClassificationInput.of(Direction.COMPLETION, BENIGN_REPLY))));
            harmfulTop = top(classifier.classify(ClassificationInput.of(Direction.PROMPT, HARMFUL)));
            harmfulAgainTop = top(classifier.classify(ClassificationInput.of(Direction.PROMPT, HARMFUL_AGAIN)));
        }
        System.out.printf(Locale.ROOT, "embedded top scores: benign %.4f, harmful %.4f / %.4f%n", benignTop, harmfulTop,
                harmfulAgainTop);
        // the texts must straddle a band the policy's threshold (0.5) lies in: benign passes, harmful would block
        assertThat(benignTop).as("embedded score of the benign texts").isLessThan(0.5);
        for (double harmful : new double[] {harmfulTop, harmfulAgainTop}) {
            assertThat(harmful).as("embedded score of a harmful text").isGreaterThanOrEqualTo(0.5).isLessThan(1.0);
        }
    }

    private static double top(java.util.concurrent.CompletionStage<ClassifierScores> scores) {
        return scores.toCompletableFuture().join().scores().values().stream().mapToDouble(Double::doubleValue).max()
                .orElseThrow();
    }

    /** The gateway with the embedded model loaded and the cascade's band at [passBelow, decideAt). */
    private void start(double passBelow, double decideAt) throws IOException {
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
                + "classifiers:\n  embedded: true\n  patterns: false\n  remote:\n"
                + "    - type: openai_moderation\n      name: moderation\n"
                + "      base_url: " + moderation.baseUrl() + "/v1\n      model: omni-moderation-latest\n"
                + "      timeout_ms: 1500\n"
                + "  cascade:\n    second: moderation\n    name: two-step\n"
                + String.format(Locale.ROOT, "    pass_below: %.6f\n    decide_at: %.6f\n", passBelow, decideAt),
                ConfigLoader.Overrides.NONE);
        assertThat(loaded.problems()).isEmpty();
        GatewayConfig config = loaded.config();
        metrics = new GatewayMetrics();
        classifiers = new ClassifierRegistry(config.classifiers());
        classifiers.bindTo(metrics.registry());
        classifiers.embedded().whenLoaded().toCompletableFuture().join();
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
        upstream.stubFor(post("/v1/chat/completions").willReturn(okJson(reply(BENIGN_REPLY))));
    }

    /** The band's lower edge: above both benign texts, below the harmful one. */
    private static double between() {
        return (benignTop + Math.min(harmfulTop, harmfulAgainTop)) / 2;
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

    private double texts(String stage) {
        FunctionCounter counter = metrics.registry().find("rampart.cascade.texts").tag("cascade", "two-step")
                .tag("stage", stage).functionCounter();
        assertThat(counter).as("rampart.cascade.texts{stage=%s}", stage).isNotNull();
        return counter.count();
    }

    private ClassifierScores scores(Direction direction) {
        return records.stream().filter(r -> r.direction() == direction).findFirst().orElseThrow().classifiers()
                .stream().filter(s -> s.classifier().equals("two-step")).findFirst().orElseThrow();
    }

    @Test
    void should_never_call_the_second_stage_for_texts_the_embedded_model_scores_clearly_safe() throws IOException {
        start(between(), 1.0);
        moderation.stubFor(post(urlEqualTo("/v1/moderations")).willReturn(okJson(ModerationAnswers.reply(Map.of()))));
        Inbound.Reply r = send(chat(BENIGN));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().get("x-rampart-decision")).isEqualTo("allow");
        assertThat(moderation.getAllServeEvents()).isEmpty();
        // one classifier answers for both stages; the second is not run on its own
        assertThat(records.get(0).classifiers()).extracting(ClassifierScores::classifier).containsExactly("two-step");
        assertThat(texts("first_only")).isEqualTo(2.0); // the prompt and the completion
        assertThat(texts("second")).isZero();
    }

    @Test
    void should_let_the_second_stage_decide_a_text_in_the_uncertain_band() throws IOException {
        start(between(), 1.0);
        moderation.stubFor(post(urlEqualTo("/v1/moderations")).willReturn(okJson(ModerationAnswers.reply(Map.of()))));
        Inbound.Reply r = send(chat(HARMFUL));
        // the embedded model alone would block it (≥ 0.5); the second stage scores it low and its scores replace the first's
        assertThat(r.status()).isEqualTo(200);
        assertThat(scores(Direction.PROMPT).scores()).containsEntry("S1", 0.001).containsEntry("S10", 0.001);
        moderation.verify(1, postRequestedFor(urlEqualTo("/v1/moderations")));
        assertThat(texts("second")).isEqualTo(1.0);
        assertThat(texts("first_only")).isEqualTo(1.0); // the benign completion

        moderation.resetAll();
        moderation.stubFor(post(urlEqualTo("/v1/moderations"))
                .willReturn(okJson(ModerationAnswers.reply(Map.of("violence", 0.97)))));
        Inbound.Reply blocked = send(chat(HARMFUL_AGAIN));
        assertThat(blocked.status()).isEqualTo(400);
        assertThat(JSON.readTree(blocked.body()).path("error").path("code").asText()).isEqualTo("content_filter");
        assertThat(records.get(records.size() - 1).action()).isEqualTo(Action.BLOCK);
        moderation.verify(1, postRequestedFor(urlEqualTo("/v1/moderations")));
        assertThat(texts("second")).isEqualTo(2.0);
    }

    @Test
    void should_decide_a_text_the_embedded_model_scores_clearly_unsafe_without_the_second_stage() throws IOException {
        start(between(), between());
        moderation.stubFor(post(urlEqualTo("/v1/moderations")).willReturn(okJson(ModerationAnswers.reply(Map.of()))));
        Inbound.Reply r = send(chat(HARMFUL));
        assertThat(r.status()).isEqualTo(400);
        assertThat(upstream.getAllServeEvents()).isEmpty();
        assertThat(moderation.getAllServeEvents()).isEmpty();
        assertThat(scores(Direction.PROMPT).scores().values()).anySatisfy(s -> assertThat(s).isEqualTo(harmfulTop));
        assertThat(texts("first_only")).isEqualTo(1.0);
        assertThat(texts("second")).isZero();
    }
}
