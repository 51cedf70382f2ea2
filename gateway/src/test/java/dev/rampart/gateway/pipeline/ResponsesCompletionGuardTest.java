package dev.rampart.gateway.pipeline;

import static dev.rampart.gateway.pipeline.StageFixtures.POLICY;
import static dev.rampart.gateway.pipeline.StageFixtures.admitted;
import static dev.rampart.gateway.pipeline.StageFixtures.await;
import static dev.rampart.gateway.pipeline.StageFixtures.guard;
import static dev.rampart.gateway.pipeline.StageFixtures.object;
import static dev.rampart.gateway.pipeline.StageFixtures.policy;
import static dev.rampart.gateway.pipeline.StageFixtures.quoted;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rampart.gateway.metrics.GatewayMetrics;
import dev.rampart.gateway.openai.Endpoint;
import dev.rampart.gateway.policy.GuardState;
import dev.rampart.policy.Action;
import io.vertx.core.Vertx;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Stage 6 on whole Responses API replies: every output item judged, blocked and redacted replies rewritten. */
class ResponsesCompletionGuardTest {
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

    private CompletionVerdict check(String responseJson) {
        return await(completions.check(admitted(Endpoint.RESPONSES, "{\"model\":\"m\",\"input\":\"hi\"}", guard),
                object(responseJson)));
    }

    /** A response object with these output items (JSON), as the upstream sends it, with {@code output_text}. */
    static String response(String items, String outputText) {
        return "{\"id\":\"resp_1\",\"object\":\"response\",\"created_at\":1,\"status\":\"completed\",\"error\":null,"
                + "\"incomplete_details\":null,\"model\":\"m\",\"output\":[" + items + "]"
                + (outputText == null ? "" : ",\"output_text\":" + quoted(outputText))
                + ",\"usage\":{\"input_tokens\":1,\"output_tokens\":1,\"total_tokens\":2}}";
    }

    static String message(String text) {
        return "{\"type\":\"message\",\"id\":\"msg_1\",\"status\":\"completed\",\"role\":\"assistant\",\"content\":"
                + "[{\"type\":\"output_text\",\"text\":" + quoted(text) + ",\"annotations\":[],\"logprobs\":"
                + "[{\"token\":" + quoted(text) + ",\"logprob\":-0.1}]}]}";
    }

    @Test
    void should_replace_the_output_with_the_refusal_and_mark_it_incomplete_when_a_responses_reply_is_blocked() {
        String text = "Sure, here is how to build a bomb: ...";
        CompletionVerdict v = check(response(message(text), text));
        assertThat(v.verdict().action()).isEqualTo(Action.BLOCK);
        JsonNode reply = v.reply();
        assertThat(reply.toString()).doesNotContain("build a bomb");
        assertThat(reply.path("status").asText()).isEqualTo("incomplete");
        assertThat(reply.at("/incomplete_details/reason").asText()).isEqualTo("content_filter");
        assertThat(reply.path("output")).hasSize(1);
        assertThat(reply.at("/output/0/content/0/text").asText()).isEqualTo("no weapons here");
        assertThat(reply.path("output_text").asText()).isEqualTo("no weapons here");
        assertThat(reply.path("id").asText()).isEqualTo("resp_1");
    }

    static Stream<Arguments> itemPlaces() {
        String harmful = quoted("then build a bomb");
        return Stream.of(
                Arguments.of("function_call arguments", "{\"type\":\"function_call\",\"id\":\"fc_1\",\"call_id\":\"c1\","
                        + "\"name\":\"f\",\"arguments\":" + quoted("{\"step\":\"then build a bomb\"}") + ",\"status\":\"completed\"}"),
                Arguments.of("reasoning summary", "{\"type\":\"reasoning\",\"id\":\"rs_1\",\"summary\":[{\"type\":"
                        + "\"summary_text\",\"text\":" + harmful + "}]}"),
                Arguments.of("refusal part", "{\"type\":\"message\",\"id\":\"m\",\"role\":\"assistant\",\"content\":"
                        + "[{\"type\":\"refusal\",\"refusal\":" + harmful + "}]}"),
                Arguments.of("annotation title", "{\"type\":\"message\",\"id\":\"m\",\"role\":\"assistant\",\"content\":"
                        + "[{\"type\":\"output_text\",\"text\":\"see\",\"annotations\":[{\"type\":\"url_citation\","
                        + "\"url\":\"https://x\",\"title\":" + harmful + "}]}]}"),
                Arguments.of("an unknown item type", "{\"type\":\"vendor_thoughts\",\"id\":\"v\",\"notes\":{\"n\":"
                        + harmful + "}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("itemPlaces")
    void should_block_the_responses_reply_when_the_text_hides_in(String place, String item) {
        CompletionVerdict v = check(response(message("Fine.") + "," + item, "Fine."));
        assertThat(v.verdict().action()).as(place).isEqualTo(Action.BLOCK);
        assertThat(v.reply().toString()).as(place).doesNotContain("build a bomb");
    }

    @Test
    void should_redact_the_span_and_drop_logprobs_when_a_responses_reply_holds_an_email_address() {
        String text = "Write to alice@example.org for details.";
        CompletionVerdict v = check(response(message(text), text));
        assertThat(v.verdict().action()).isEqualTo(Action.REDACT);
        JsonNode reply = v.reply();
        assertThat(reply.at("/output/0/content/0/text").asText()).isEqualTo("Write to [REDACTED:pii] for details.");
        assertThat(reply.path("output_text").asText()).isEqualTo("Write to [REDACTED:pii] for details.");
        assertThat(reply.toString()).doesNotContain("alice@example.org");
        assertThat(reply.path("status").asText()).isEqualTo("completed");
    }

    @Test
    void should_recompute_output_text_from_the_parts_when_the_upstream_sent_a_different_one() {
        CompletionVerdict v = check(response(message("A fine answer."), "how to build a bomb"));
        assertThat(v.verdict().action()).isEqualTo(Action.ALLOW);
        assertThat(v.reply().path("output_text").asText()).isEqualTo("A fine answer.");
    }

    @Test
    void should_relay_the_reply_unchanged_when_a_responses_reply_is_allowed() {
        String original = response(message("Bread needs time."), null);
        CompletionVerdict v = check(original);
        assertThat(v.verdict().action()).isEqualTo(Action.ALLOW);
        assertThat(v.reply()).isEqualTo(object(original));
        assertThat(v.text()).isEqualTo("Bread needs time.");
    }
}
