package dev.rampart.gateway.pipeline;

import static dev.rampart.gateway.pipeline.StageFixtures.POLICY;
import static dev.rampart.gateway.pipeline.StageFixtures.await;
import static dev.rampart.gateway.pipeline.StageFixtures.chat;
import static dev.rampart.gateway.pipeline.StageFixtures.guard;
import static dev.rampart.gateway.pipeline.StageFixtures.object;
import static dev.rampart.gateway.pipeline.StageFixtures.parsed;
import static dev.rampart.gateway.pipeline.StageFixtures.policy;
import static dev.rampart.gateway.pipeline.StageFixtures.reply;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.classifier.reward.RewardScores;
import dev.rampart.gateway.decisionlog.DecisionRecord;
import dev.rampart.gateway.decisionlog.SubjectHasher;
import dev.rampart.gateway.metrics.GatewayMetrics;
import dev.rampart.gateway.openai.Endpoint;
import dev.rampart.gateway.policy.GuardState;
import dev.rampart.gateway.policy.Verdict;
import dev.rampart.policy.Action;
import dev.rampart.policy.ClassifierScores;
import dev.rampart.policy.Decision;
import dev.rampart.policy.Direction;
import dev.rampart.trust.Caller;
import dev.rampart.trust.TrustAssessment;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Stage 8: the decision records of a request (prompt and completion, each with its classifiers' scores), the decision
 * metrics and the trust feedback, with verdicts from the real guards, a recording sink and a recording trust port.
 */
class RecorderTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-05T12:00:00Z"), ZoneOffset.UTC);
    private static final Caller ALICE = new Caller("alice", "acme", "key-1", Map.of(), false);
    private static final TrustAssessment TRUSTED = new TrustAssessment(0.72, 2, 0.5, 0.8, false);

    private final GuardState guard = guard(policy(POLICY));
    private final List<DecisionRecord> sink = new CopyOnWriteArrayList<>();
    private final RecordingTrust trust = new RecordingTrust();
    private Vertx vertx;
    private GatewayMetrics metrics;
    private PromptGuard prompts;
    private CompletionGuard completions;

    /** A trust port that remembers the feedback it was given. */
    private static final class RecordingTrust implements TrustLookup {
        record Feedback(Caller caller, dev.rampart.trust.model.RequestOutcome outcome) {
        }

        final List<Feedback> feedback = new ArrayList<>();

        @Override
        public Future<TrustAssessment> assess(Caller caller) {
            return Future.succeededFuture(TRUSTED);
        }

        @Override
        public void record(Caller caller, dev.rampart.trust.model.RequestOutcome outcome) {
            feedback.add(new Feedback(caller, outcome));
        }
    }

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        metrics = new GatewayMetrics();
        GuardRunner runner = new GuardRunner(vertx, 1000, metrics);
        prompts = new PromptGuard(runner);
        completions = new CompletionGuard(runner);
    }

    @AfterEach
    void stop() {
        await(vertx.close());
    }

    private Recorder recorder(boolean logContent) {
        return new Recorder(metrics, sink::add, new DecisionRecords(CLOCK, subject -> "hash-of-" + subject, logContent),
                trust, CLOCK, RequestLimiter.NONE);
    }

    private Admitted admitted(String prompt) {
        return new Admitted(new ClientCall(Endpoint.CHAT_COMPLETIONS, null, "req-7", System.nanoTime()),
                parsed(Endpoint.CHAT_COMPLETIONS, chat(prompt)), ALICE, TRUSTED, guard);
    }

    /** The outcome of a request whose prompt and reply went through the real guards. */
    private Outcome answered(String prompt, String replyText, RewardOutcome reward) {
        Admitted a = admitted(prompt);
        Verdict p = await(prompts.check(a));
        CompletionVerdict c = await(completions.check(a, object(reply(replyText))));
        RewardOutcome r = reward == null ? RewardOutcome.none(c) : reward;
        return new Outcome(a, p, c, r, "main", new Outcome.Json(200, c.reply()));
    }

    private DecisionRecord record(String decisionId) {
        return sink.stream().filter(r -> r.decisionId().equals(decisionId)).findFirst().orElseThrow();
    }

    private double decisions(String direction, String action) {
        var counter = metrics.registry().find("rampart.decisions").tag("direction", direction).tag("action", action)
                .tag("tier", "2").counter();
        return counter == null ? 0 : counter.count();
    }

    private static ClassifierScores patterns(DecisionRecord r) {
        return r.classifiers().stream().filter(s -> s.classifier().equals("patterns")).findFirst().orElseThrow();
    }

    @Test
    void should_record_prompt_and_completion_with_their_scores_when_both_were_decided() {
        recorder(false).record(answered("how do people launder money", "Then build a bomb.", null));
        assertThat(sink).extracting(DecisionRecord::decisionId).containsExactly("req-7-p", "req-7-c");
        DecisionRecord prompt = record("req-7-p");
        assertThat(prompt.direction()).isEqualTo(Direction.PROMPT);
        assertThat(prompt.action()).isEqualTo(Action.FLAG);
        assertThat(patterns(prompt).scores()).containsEntry("S2", 1.0);
        DecisionRecord completion = record("req-7-c");
        assertThat(completion.direction()).isEqualTo(Direction.COMPLETION);
        assertThat(completion.action()).isEqualTo(Action.BLOCK);
        assertThat(completion.categories()).containsExactly("S1");
        assertThat(patterns(completion).scores()).containsEntry("S1", 1.0);
        assertThat(completion.requestId()).isEqualTo("req-7");
    }

    @Test
    void should_describe_who_under_which_policy_and_hash_the_text_when_content_logging_is_off() {
        recorder(false).record(answered("how do people launder money", "Fine.", null));
        DecisionRecord prompt = record("req-7-p");
        assertThat(prompt.time()).isEqualTo(CLOCK.instant());
        assertThat(prompt.subject()).isEqualTo("hash-of-alice");
        assertThat(prompt.tenant()).isEqualTo("acme");
        assertThat(prompt.tier()).isEqualTo(2);
        assertThat(prompt.trustScore()).isEqualTo(0.72);
        assertThat(prompt.policy()).isEqualTo("stages");
        assertThat(prompt.policyRevision()).isEqualTo(guard.policy().revision());
        assertThat(prompt.route()).isEqualTo("chat_completions");
        assertThat(prompt.textSha256()).isEqualTo(SubjectHasher.textHash("how do people launder money"));
        assertThat(prompt.text()).isNull();
    }

    @Test
    void should_keep_the_text_when_content_logging_is_on() {
        recorder(true).record(answered("how do people launder money", "Fine.", null));
        assertThat(record("req-7-p").text()).isEqualTo("how do people launder money");
        assertThat(record("req-7-c").text()).isEqualTo("Fine.");
    }

    @Test
    void should_carry_the_reward_outcome_in_the_completion_record_when_the_reply_was_scored() {
        Admitted a = admitted("hello");
        CompletionVerdict c = await(completions.check(a, object(reply("Fine."))));
        RewardOutcome reward = new RewardOutcome(c, RewardStatus.SCORED,
                RewardScores.scored("reward", Map.of("helpfulness", 3.5)), List.of("correctness<1.5"), 2, false);
        recorder(false).record(answered("hello", "Fine.", reward));
        DecisionRecord.Reward r = record("req-7-c").reward();
        assertThat(r.status()).isEqualTo("scored");
        assertThat(r.scorer()).isEqualTo("reward");
        assertThat(r.attributes()).containsEntry("helpfulness", 3.5);
        assertThat(r.attempts()).isEqualTo(2);
        assertThat(r.flags()).containsExactly("correctness<1.5");
    }

    @Test
    void should_count_each_decision_by_direction_action_and_tier() {
        recorder(false).record(answered("how do people launder money", "Then build a bomb.", null));
        assertThat(decisions("prompt", "flag")).isEqualTo(1.0);
        assertThat(decisions("completion", "block")).isEqualTo(1.0);
        assertThat(decisions("prompt", "allow")).isZero();
    }

    @Test
    void should_feed_a_blocked_reply_back_as_evidence_about_the_model_not_the_caller_when_the_completion_was_blocked() {
        recorder(false).record(answered("how do people launder money", "Then build a bomb.", null));
        assertThat(trust.feedback).singleElement().satisfies(f -> {
            assertThat(f.caller()).isEqualTo(ALICE);
            assertThat(f.outcome().eventId()).isEqualTo("req-7");
            assertThat(f.outcome().reply()).extracting(dev.rampart.trust.model.RequestOutcome.Finding::outcome)
                    .contains(dev.rampart.trust.model.Outcome.BLOCKED);
            assertThat(dev.rampart.trust.model.EvidenceRule.callerEvidence(f.outcome())
                    .map(dev.rampart.trust.model.Interaction::outcome))
                    .isNotEqualTo(java.util.Optional.of(dev.rampart.trust.model.Outcome.BLOCKED));
        });
    }

    @Test
    void should_feed_back_a_clean_interaction_and_record_only_the_prompt_when_nothing_was_generated() {
        Admitted a = admitted("a kind question");
        Verdict p = await(prompts.check(a));
        recorder(false).record(new Outcome(a, p, null, null, null, new Outcome.Json(200, object("{}"))));
        assertThat(sink).extracting(DecisionRecord::decisionId).containsExactly("req-7-p");
        assertThat(trust.feedback).singleElement().satisfies(f -> {
            assertThat(f.outcome().prompt()).isEmpty();
            assertThat(f.outcome().reply()).isEmpty();
        });
    }
}
