package dev.rampart.gateway.pipeline;

import static dev.rampart.gateway.pipeline.StageFixtures.POLICY;
import static dev.rampart.gateway.pipeline.StageFixtures.admitted;
import static dev.rampart.gateway.pipeline.StageFixtures.await;
import static dev.rampart.gateway.pipeline.StageFixtures.chat;
import static dev.rampart.gateway.pipeline.StageFixtures.guard;
import static dev.rampart.gateway.pipeline.StageFixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.gateway.openai.Endpoint;
import dev.rampart.gateway.stream.PassThroughStreamGuard;
import dev.rampart.gateway.stream.SseEvent;
import dev.rampart.gateway.stream.StreamGuard;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

/** What a streamed reply costs the token budgets: the upstream's usage chunk when sent, else the estimate. */
class StreamedTokensTest {
    /** 40 bytes of prompt: 10 tokens by the estimate. */
    private static final String PROMPT = "Tell me about the rivers of Europe, pls.";

    private static StreamedTokens tokens() {
        return new StreamedTokens(admitted(Endpoint.CHAT_COMPLETIONS, chat(PROMPT), guard(policy(POLICY))));
    }

    private static SseEvent chunk(String delta) {
        return SseEvent.ofData("{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"model\":\"m\",\"choices\":[{\"index\":0,"
                + "\"delta\":" + delta + ",\"finish_reason\":null}],\"usage\":null}");
    }

    @Test
    void should_charge_the_final_chunks_usage_when_the_upstream_reports_it() {
        StreamedTokens t = tokens();
        t.observe(chunk("{\"role\":\"assistant\",\"content\":\"\"}"));
        t.observe(chunk("{\"content\":\"The Danube flows east.\"}"));
        t.observe(SseEvent.ofData("{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[],"
                + "\"usage\":{\"prompt_tokens\":31,\"completion_tokens\":6,\"total_tokens\":37}}"));
        t.observe(SseEvent.DONE);
        assertThat(t.reported()).isTrue();
        assertThat(t.total()).isEqualTo(37);
    }

    @Test
    void should_estimate_prompt_and_streamed_text_when_the_stream_reports_no_usage() {
        StreamedTokens t = tokens();
        t.observe(chunk("{\"role\":\"assistant\",\"content\":\"\"}"));
        t.observe(chunk("{\"content\":\"" + "x".repeat(60) + "\"}"));                 // 60 bytes
        t.observe(chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\","
                + "\"function\":{\"name\":\"look\",\"arguments\":\"{}\"}}]}"));          // 4 + 2 bytes
        t.observe(new SseEvent(Buffer.buffer(": keep-alive\n\n"), null));
        t.observe(SseEvent.ofData("{\"choices\":[{\"delta\":{\"content\":\"unfinished"));  // malformed: not counted
        assertThat(t.reported()).isFalse();
        assertThat(t.total()).as("10 prompt + ceil(66 / 4) streamed").isEqualTo(10 + 17);
    }

    @Test
    void should_charge_at_least_one_token_per_streamed_delta() {
        StreamedTokens t = tokens();
        for (int i = 0; i < 30; i++) {
            t.observe(chunk("{\"content\":\"a\"}"));
        }
        assertThat(t.total()).isEqualTo(10 + 30);
    }

    @Test
    void should_count_non_latin_text_by_its_utf8_bytes() {
        StreamedTokens t = tokens();
        t.observe(chunk("{\"content\":\"" + "河流".repeat(10) + "\"}"));                // 20 chars, 60 bytes
        t.observe(chunk("{\"content\":\"\uD83C\uDF0A\"}"));                             // one emoji, 4 bytes
        assertThat(t.total()).isEqualTo(10 + 16);
    }

    @Test
    void should_read_a_responses_streams_text_deltas_and_its_completed_usage() {
        StreamedTokens estimated = tokens();
        estimated.observe(SseEvent.ofData("{\"type\":\"response.output_text.delta\",\"item_id\":\"m1\","
                + "\"output_index\":0,\"content_index\":0,\"delta\":\"" + "y".repeat(40) + "\"}"));
        estimated.observe(SseEvent.ofData("{\"type\":\"response.output_text.done\",\"text\":\"" + "y".repeat(40) + "\"}"));
        assertThat(estimated.total()).as("the done event repeats the text: not counted twice").isEqualTo(10 + 10);
        StreamedTokens reported = tokens();
        reported.observe(SseEvent.ofData("{\"type\":\"response.completed\",\"response\":{\"id\":\"r\","
                + "\"usage\":{\"input_tokens\":12,\"output_tokens\":30,\"total_tokens\":42}}}"));
        assertThat(reported.total()).isEqualTo(42);
    }

    @Test
    void should_hand_every_event_to_the_guard_and_relay_its_verdict_unchanged() {
        StreamedTokens t = tokens();
        StreamGuard guard = t.observing(new PassThroughStreamGuard());
        SseEvent event = chunk("{\"content\":\"" + "z".repeat(8) + "\"}");
        assertThat(await(guard.onEvent(event)).release()).containsExactly(event);
        assertThat(await(guard.onEnd())).isEmpty();
        assertThat(guard.decision()).isEqualTo("allow");
        assertThat(t.total()).isEqualTo(10 + 2);
    }
}
