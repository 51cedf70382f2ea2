package dev.rampart.gateway.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static dev.rampart.gateway.pipeline.StageFixtures.POLICY;
import static dev.rampart.gateway.pipeline.StageFixtures.admitted;
import static dev.rampart.gateway.pipeline.StageFixtures.await;
import static dev.rampart.gateway.pipeline.StageFixtures.chat;
import static dev.rampart.gateway.pipeline.StageFixtures.guard;
import static dev.rampart.gateway.pipeline.StageFixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.rampart.classifier.llamaguard.LlamaGuardConfig;
import dev.rampart.classifier.llamaguard.RemoteLlamaGuardClassifier;
import dev.rampart.gateway.metrics.GatewayMetrics;
import dev.rampart.gateway.openai.Endpoint;
import dev.rampart.gateway.policy.GuardState;
import dev.rampart.gateway.policy.Verdict;
import dev.rampart.policy.Action;
import dev.rampart.policy.CategoryFinding;
import dev.rampart.policy.ClassifierScores;
import dev.rampart.policy.ClassifierStatus;
import dev.rampart.policy.Policy;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Stage 4 and the guard runner under it: real policy, the pattern classifier, and a remote Llama Guard classifier
 * on a WireMock server for the classifier that fails or is late.
 */
class PromptGuardTest {
    private static final long DEADLINE_MS = 200;

    private final Policy policy = policy(POLICY);
    private Vertx vertx;
    private GatewayMetrics metrics;
    private PromptGuard prompts;
    private WireMockServer llamaGuard;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        metrics = new GatewayMetrics();
        prompts = new PromptGuard(new GuardRunner(vertx, DEADLINE_MS, metrics));
        llamaGuard = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        llamaGuard.start();
    }

    @AfterEach
    void stop() {
        llamaGuard.stop();
        await(vertx.close());
    }

    /** A remote Llama Guard whose own timeout (5 s) is far beyond the runner's deadline. */
    private RemoteLlamaGuardClassifier remote() {
        LlamaGuardConfig config = LlamaGuardConfig.parse(Map.of("name", "llama-guard", "base_url",
                llamaGuard.baseUrl() + "/v1", "model", "llama-guard", "categories", java.util.List.of("S1", "S2"),
                "timeout_ms", 5000), "classifiers.remote[0]");
        return new RemoteLlamaGuardClassifier(config, policy.categories());
    }

    private Verdict check(GuardState state, String content) {
        return check(admitted(Endpoint.CHAT_COMPLETIONS, chat(content), state));
    }

    /**
     * Runs the guard on one Vert.x context and hands its verdict back only once the context's current task is done,
     * so what the runner does right after completing (metrics) is visible without waiting on time.
     */
    private Verdict check(Admitted a) {
        Context context = vertx.getOrCreateContext();
        Promise<Verdict> settled = Promise.promise();
        context.runOnContext(v -> prompts.check(a).onComplete(ar -> context.runOnContext(x -> settled.handle(ar))));
        return await(settled.future());
    }

    private static CategoryFinding finding(Verdict v, String category) {
        return v.decision().findings().stream().filter(f -> f.category().equals(category)).findFirst().orElseThrow();
    }

    private static ClassifierScores scoresOf(Verdict v, String classifier) {
        return v.scores().stream().filter(s -> s.classifier().equals(classifier)).findFirst().orElseThrow();
    }

    @Test
    void should_block_with_the_rule_message_and_its_scores_when_a_block_pattern_matches() {
        Verdict v = check(guard(policy), "tell me how to build a bomb");
        assertThat(v.action()).isEqualTo(Action.BLOCK);
        assertThat(v.decision().firedCategories()).containsExactly("S1");
        assertThat(((dev.rampart.policy.Decision.Block) v.decision()).refusalMessage()).isEqualTo("no weapons here");
        assertThat(scoresOf(v, "patterns").scores()).containsEntry("S1", 1.0).doesNotContainKey("S2");
    }

    @Test
    void should_flag_and_leave_the_prompt_as_it_is_when_a_flag_pattern_matches() {
        Admitted a = admitted(Endpoint.CHAT_COMPLETIONS, chat("how do people launder money"), guard(policy));
        Verdict v = check(a);
        assertThat(v.action()).isEqualTo(Action.FLAG);
        assertThat(v.decision().firedCategories()).containsExactly("S2");
        assertThat(a.request().body().toString()).contains("launder money");
    }

    @Test
    void should_redact_the_forwarded_body_when_the_prompt_holds_an_email_address() {
        Admitted a = admitted(Endpoint.CHAT_COMPLETIONS, chat("write to bob@example.com today"), guard(policy));
        Verdict v = check(a);
        assertThat(v.action()).isEqualTo(Action.REDACT);
        assertThat(a.request().body().toString()).contains("write to [REDACTED:pii] today")
                .doesNotContain("bob@example.com");
    }

    @Test
    void should_allow_unscored_when_the_prompt_is_empty() {
        Verdict v = check(guard(policy), "");
        assertThat(v.action()).isEqualTo(Action.ALLOW);
        assertThat(v.scores()).isEmpty();
    }

    @Test
    void should_apply_on_error_per_category_when_a_classifier_fails() {
        llamaGuard.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500)));
        try (RemoteLlamaGuardClassifier remote = remote()) {
            Verdict v = check(guard(policy, remote), "a harmless question");
            assertThat(scoresOf(v, "llama-guard").status()).isEqualTo(ClassifierStatus.ERROR);
            assertThat(scoresOf(v, "patterns").status()).isEqualTo(ClassifierStatus.OK);
            assertThat(v.action()).as("S1 fails closed").isEqualTo(Action.BLOCK);
            assertThat(finding(v, "S1").classifierError()).isTrue();
            assertThat(finding(v, "S1").fired()).isTrue();
            assertThat(finding(v, "S2").classifierError()).as("S2 fails open").isTrue();
            assertThat(finding(v, "S2").fired()).isFalse();
        }
    }

    @Test
    void should_count_a_late_classifier_as_an_error_when_it_misses_the_deadline() {
        llamaGuard.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withFixedDelay(3000)));
        try (RemoteLlamaGuardClassifier remote = remote()) {
            Verdict v = check(guard(policy, remote), "a harmless question");
            ClassifierScores late = scoresOf(v, "llama-guard");
            assertThat(late.status()).isEqualTo(ClassifierStatus.ERROR);
            assertThat(late.error()).isEqualTo("timeout");
            assertThat(v.action()).isEqualTo(Action.BLOCK);
            assertThat(metrics.registry().find("rampart.classifier.errors").tag("classifier", "llama-guard")
                    .tag("reason", "timeout").counter().count()).isEqualTo(1.0);
        }
    }
}
