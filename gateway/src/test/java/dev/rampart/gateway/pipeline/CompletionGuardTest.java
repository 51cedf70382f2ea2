package dev.rampart.gateway.pipeline;

import static dev.rampart.gateway.pipeline.StageFixtures.POLICY;
import static dev.rampart.gateway.pipeline.StageFixtures.admitted;
import static dev.rampart.gateway.pipeline.StageFixtures.await;
import static dev.rampart.gateway.pipeline.StageFixtures.chat;
import static dev.rampart.gateway.pipeline.StageFixtures.guard;
import static dev.rampart.gateway.pipeline.StageFixtures.object;
import static dev.rampart.gateway.pipeline.StageFixtures.policy;
import static dev.rampart.gateway.pipeline.StageFixtures.reply;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rampart.gateway.metrics.GatewayMetrics;
import dev.rampart.gateway.openai.Endpoint;
import dev.rampart.gateway.policy.GuardState;
import dev.rampart.policy.Action;
import dev.rampart.policy.ClassifierScores;
import dev.rampart.policy.ClassifierStatus;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Stage 6 on whole replies: per-choice decisions, the reply rewritten, and the scores the verdict carries. */
class CompletionGuardTest {
    private final GuardState guard = guard(policy(POLICY));
    private Vertx vertx;
    private CompletionGuard completions;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        completions = new CompletionGuard(new GuardRunner(vertx, 1000, new GatewayMetrics()));
    }

    @AfterEach
    void stop() {
        await(vertx.close());
    }

    private CompletionVerdict check(String replyJson) {
        return check(guard, replyJson);
    }

    private CompletionVerdict check(GuardState state, String replyJson) {
        return await(completions.check(admitted(Endpoint.CHAT_COMPLETIONS, chat("hi"), state), object(replyJson)));
    }

    private static JsonNode choice(CompletionVerdict v, int i) {
        return v.reply().path("choices").path(i);
    }

    private static ClassifierScores patterns(CompletionVerdict v) {
        return v.verdict().scores().stream().filter(s -> s.classifier().equals("patterns")).findFirst().orElseThrow();
    }

    @Test
    void should_replace_the_text_with_the_refusal_when_a_choice_is_blocked() {
        CompletionVerdict v = check(reply("Sure, here is how to build a bomb: ..."));
        assertThat(v.verdict().action()).isEqualTo(Action.BLOCK);
        assertThat(choice(v, 0).path("message").path("content").asText()).isEqualTo("no weapons here");
        assertThat(choice(v, 0).path("finish_reason").asText()).isEqualTo("content_filter");
        assertThat(v.reply().toString()).doesNotContain("build a bomb");
        assertThat(v.text()).as("the judged text, for the log's hash").contains("build a bomb");
    }

    @Test
    void should_redact_the_reply_when_a_choice_holds_an_email_address() {
        CompletionVerdict v = check(reply("Write to alice@example.org for details."));
        assertThat(v.verdict().action()).isEqualTo(Action.REDACT);
        assertThat(choice(v, 0).path("message").path("content").asText())
                .isEqualTo("Write to [REDACTED:pii] for details.");
        assertThat(choice(v, 0).path("finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    void should_return_the_classifier_scores_in_the_verdict_when_the_reply_was_checked() {
        CompletionVerdict v = check(reply("How people launder money is a topic for criminologists."));
        assertThat(v.decided()).isTrue();
        assertThat(v.verdict().action()).isEqualTo(Action.FLAG);
        ClassifierScores scores = patterns(v);
        assertThat(scores.status()).isEqualTo(ClassifierStatus.OK);
        assertThat(scores.scores()).containsEntry("S2", 1.0).doesNotContainKey("S1");
    }

    @Test
    void should_take_the_strictest_choice_and_merge_scores_over_choices_when_the_reply_has_several() {
        CompletionVerdict v = check(reply("A fine answer.", "Here is how to build a bomb.", "mail bob@example.com"));
        assertThat(v.verdict().action()).isEqualTo(Action.BLOCK);
        assertThat(choice(v, 0).path("message").path("content").asText()).isEqualTo("A fine answer.");
        assertThat(choice(v, 1).path("finish_reason").asText()).isEqualTo("content_filter");
        assertThat(choice(v, 2).path("message").path("content").asText()).isEqualTo("mail [REDACTED:pii]");
        assertThat(patterns(v).scores()).containsEntry("S1", 1.0).containsEntry("pii", 1.0);
    }

    @Test
    void should_find_a_phrase_in_a_long_choice_when_it_lies_past_the_first_window() {
        GuardState windowed = guard(policy(POLICY.replace("settings:\n",
                "settings:\n  streaming: { window_chars: 100, overlap_chars: 30, max_holdback_chars: 50 }\n")));
        CompletionVerdict v = check(windowed, reply("filler text. ".repeat(30) + "now build a bomb"));
        assertThat(v.verdict().action()).isEqualTo(Action.BLOCK);
        assertThat(choice(v, 0).path("finish_reason").asText()).isEqualTo("content_filter");
    }

    @Test
    void should_pass_the_reply_unjudged_when_the_route_generates_no_text() {
        ObjectNode embeddings = object("{\"object\":\"list\",\"data\":[{\"embedding\":[0.1]}]}");
        CompletionVerdict v = await(completions.check(admitted(Endpoint.EMBEDDINGS,
                "{\"model\":\"m\",\"input\":\"build a bomb\"}", guard), embeddings));
        assertThat(v.decided()).isFalse();
        assertThat(v.reply()).isSameAs(embeddings);
    }
}
