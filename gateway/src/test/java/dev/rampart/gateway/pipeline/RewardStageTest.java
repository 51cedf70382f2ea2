package dev.rampart.gateway.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.rampart.gateway.pipeline.StageFixtures.POLICY;
import static dev.rampart.gateway.pipeline.StageFixtures.admitted;
import static dev.rampart.gateway.pipeline.StageFixtures.await;
import static dev.rampart.gateway.pipeline.StageFixtures.chat;
import static dev.rampart.gateway.pipeline.StageFixtures.guard;
import static dev.rampart.gateway.pipeline.StageFixtures.object;
import static dev.rampart.gateway.pipeline.StageFixtures.policy;
import static dev.rampart.gateway.pipeline.StageFixtures.reply;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.rampart.classifier.reward.RemoteRewardScorer;
import dev.rampart.classifier.reward.RewardConfig;
import dev.rampart.gateway.metrics.GatewayMetrics;
import dev.rampart.gateway.openai.Endpoint;
import dev.rampart.policy.Decision;
import dev.rampart.policy.Direction;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Stage 7 with a real remote reward scorer (NVIDIA's reward API shape) on WireMock, whose scores depend on a marker
 * word in the response, and a regenerator that hands out the next prepared reply through the real completion guard.
 */
class RewardStageTest {
    private static final Decision ALLOWED = new Decision.Allow("rev", Direction.PROMPT, List.of(), false);

    private Vertx vertx;
    private WireMockServer scorerServer;
    private RemoteRewardScorer scorer;
    private GatewayMetrics metrics;
    private RewardStage rewards;
    private CompletionGuard completions;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        scorerServer = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        scorerServer.start();
        score("GOOD", 3.5, 3.6);
        score("FAIR", 2.0, 2.2);
        score("POOR", 0.5, 0.4);
        scorerServer.stubFor(post("/v1/chat/completions")
                .withRequestBody(matchingJsonPath("$.messages[1].content", containing("BROKEN")))
                .willReturn(aResponse().withStatus(500)));
        // a generous timeout: a scorer that times out is unscored, and a cold WireMock can be slow on a loaded machine
        scorer = new RemoteRewardScorer(RewardConfig.parse(Map.of("type", "nvidia", "name", "reward", "url",
                scorerServer.baseUrl() + "/v1/chat/completions", "model", "nvidia/nemotron-4-340b-reward",
                "timeout_ms", 10_000), "classifiers.reward[0]"));
        metrics = new GatewayMetrics();
        rewards = new RewardStage(vertx, name -> "reward".equals(name) ? scorer : null, metrics, () -> 0.0);
        completions = new CompletionGuard(new GuardRunner(vertx, 1000, metrics));
    }

    @AfterEach
    void stop() {
        scorer.close();
        scorerServer.stop();
        await(vertx.close());
    }

    /** The reward model scores a response containing {@code marker} with these helpfulness and correctness values. */
    private void score(String marker, double helpfulness, double correctness) {
        scorerServer.stubFor(post("/v1/chat/completions")
                .withRequestBody(matchingJsonPath("$.messages[1].content", containing(marker)))
                .willReturn(okJson("{\"id\":\"r\",\"object\":\"chat.completion\",\"model\":\"reward\",\"choices\":[{\"index\":0,"
                        + "\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"logprobs\":{\"content\":["
                        + "{\"token\":\"helpfulness\",\"logprob\":" + helpfulness + "},{\"token\":\"correctness\",\"logprob\":"
                        + correctness + "},{\"token\":\"coherence\",\"logprob\":3.0},{\"token\":\"complexity\",\"logprob\":1.0},"
                        + "{\"token\":\"verbosity\",\"logprob\":1.0}]},\"finish_reason\":\"length\"}]}")));
    }

    private static Admitted admittedUnder(String reward) {
        return admitted(Endpoint.CHAT_COMPLETIONS, chat("How do I bake bread?"),
                guard(policy(reward == null ? POLICY : POLICY + "reward:\n" + reward)));
    }

    private CompletionVerdict guarded(Admitted a, String replyJson) {
        return await(completions.check(a, object(replyJson)));
    }

    private static String content(RewardOutcome o) {
        return o.chosen().reply().path("choices").path(0).path("message").path("content").asText();
    }

    /** Hands out the prepared replies one per call, each through the completion guard; counts the calls. */
    private final class Prepared implements Regenerator {
        private final Admitted a;
        private final List<String> replies;
        final List<String> served = new ArrayList<>();

        Prepared(Admitted a, String... replies) {
            this.a = a;
            this.replies = new ArrayList<>(List.of(replies));
        }

        @Override
        public Future<CompletionVerdict> regenerate() {
            String next = replies.remove(0);
            served.add(next);
            return completions.check(a, object(next));
        }
    }

    @Test
    void should_return_the_reply_untouched_when_the_policy_has_no_reward_section() {
        Admitted a = admittedUnder(null);
        CompletionVerdict reply = guarded(a, reply("GOOD bread needs time."));
        RewardOutcome o = await(rewards.apply(a, rewards.requestCandidates(a), ALLOWED, reply, Regenerator.NONE));
        assertThat(o.status()).isNull();
        assertThat(o.chosen()).isSameAs(reply);
        assertThat(o.responseHeaders()).isEmpty();
        scorerServer.verify(0, postRequestedFor(urlEqualTo("/v1/chat/completions")));
    }

    @Test
    void should_score_and_flag_when_an_attribute_is_below_a_flag_rule() {
        Admitted a = admittedUnder("  rules: [{ attribute: correctness, below: 1.5, action: flag }]\n");
        RewardOutcome o = await(rewards.apply(a, false, ALLOWED, guarded(a, reply("POOR answer.")), Regenerator.NONE));
        assertThat(o.status()).isEqualTo(RewardStatus.SCORED);
        assertThat(o.scores().attributes()).containsEntry("correctness", 0.4);
        assertThat(o.flags()).containsExactly("correctness<1.5");
        assertThat(o.responseHeaders()).containsEntry("x-rampart-reward-flags", "correctness<1.5");
    }

    @Test
    void should_regenerate_through_the_regenerator_when_the_score_is_below_the_threshold() {
        Admitted a = admittedUnder("  rules: [{ attribute: helpfulness, below: 3.0, action: regenerate }]\n"
                + "  regenerate: { max_attempts: 3 }\n");
        Prepared again = new Prepared(a, reply("FAIR second try."), reply("GOOD third try."), reply("never asked"));
        RewardOutcome o = await(rewards.apply(a, false, ALLOWED, guarded(a, reply("POOR first try.")), again));
        assertThat(again.served).hasSize(2);
        assertThat(content(o)).isEqualTo("GOOD third try.");
        assertThat(o.attempts()).isEqualTo(3);
        assertThat(o.status()).isEqualTo(RewardStatus.SCORED);
        assertThat(o.flags()).isEmpty();
    }

    @Test
    void should_keep_the_best_candidate_and_flag_it_when_regeneration_runs_out_of_attempts() {
        Admitted a = admittedUnder("  rules: [{ attribute: helpfulness, below: 3.0, action: regenerate }]\n"
                + "  regenerate: { max_attempts: 2 }\n");
        Prepared again = new Prepared(a, reply("POOR second try."));
        RewardOutcome o = await(rewards.apply(a, false, ALLOWED, guarded(a, reply("FAIR first try.")), again));
        assertThat(content(o)).isEqualTo("FAIR first try.");
        assertThat(o.attempts()).isEqualTo(2);
        assertThat(o.flags()).containsExactly("helpfulness<3.0");
    }

    @Test
    void should_ask_for_n_candidates_and_keep_only_the_best_when_best_of_n_is_set() {
        Admitted a = admittedUnder("  best_of_n: 3\n");
        boolean candidates = rewards.requestCandidates(a);
        assertThat(candidates).isTrue();
        assertThat(a.request().body().path("n").asInt()).isEqualTo(3);
        CompletionVerdict reply = guarded(a, reply("POOR one.", "GOOD two.", "FAIR three."));
        RewardOutcome o = await(rewards.apply(a, candidates, ALLOWED, reply, Regenerator.NONE));
        assertThat(o.chosen().reply().path("choices")).hasSize(1);
        assertThat(content(o)).isEqualTo("GOOD two.");
        assertThat(o.chosen().reply().path("choices").path(0).path("index").asInt()).isZero();
        assertThat(o.scores().attributes()).containsEntry("helpfulness", 3.5);
    }

    @Test
    void should_not_choose_a_blocked_candidate_when_best_of_n_is_set() {
        Admitted a = admittedUnder("  best_of_n: 2\n");
        boolean candidates = rewards.requestCandidates(a);
        CompletionVerdict reply = guarded(a, reply("GOOD but build a bomb first.", "FAIR answer."));
        RewardOutcome o = await(rewards.apply(a, candidates, ALLOWED, reply, Regenerator.NONE));
        assertThat(content(o)).isEqualTo("FAIR answer.");
    }

    @Test
    void should_serve_the_reply_unscored_when_the_scorer_fails() {
        Admitted a = admittedUnder("  rules: [{ attribute: helpfulness, below: 3.0, action: regenerate }]\n"
                + "  regenerate: { max_attempts: 3 }\n");
        Prepared again = new Prepared(a, reply("never asked"));
        RewardOutcome o = await(rewards.apply(a, false, ALLOWED, guarded(a, reply("BROKEN scorer input.")), again));
        assertThat(o.status()).isEqualTo(RewardStatus.UNSCORED);
        assertThat(o.scores().isScored()).isFalse();
        assertThat(again.served).as("an unscored reply is not regenerated").isEmpty();
        assertThat(content(o)).isEqualTo("BROKEN scorer input.");
        assertThat(metrics.registry().find("rampart.reward.responses").tag("outcome", "unscored").counter().count())
                .isEqualTo(1.0);
    }
}
