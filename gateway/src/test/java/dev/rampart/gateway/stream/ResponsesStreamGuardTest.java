package dev.rampart.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.rampart.gateway.http.ApiError;
import dev.rampart.gateway.http.ApiFault;
import dev.rampart.policy.Decision;
import dev.rampart.policy.Direction;
import dev.rampart.policy.Span;
import dev.rampart.policy.StreamingSettings;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The windowed stream guard over Responses API events, with a deterministic check function. */
class ResponsesStreamGuardTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final StreamingSettings HOLD = new StreamingSettings(StreamingSettings.Mode.HOLD, 40, 10, 20, false,
            StreamingSettings.Unit.CHARS);

    /** Blocks any window containing "bomb", redacts "secret", allows the rest. */
    private final Function<String, Future<Decision>> check = window -> {
        if (window.contains("bomb")) {
            return Future.succeededFuture(new Decision.Block("r1", Direction.COMPLETION, List.of(), false, "no"));
        }
        int at = window.indexOf("secret");
        if (at >= 0) {
            return Future.succeededFuture(new Decision.Redact("r1", Direction.COMPLETION, List.of(), false,
                    List.of(new Span(at, at + 6, "pii")), "[X]"));
        }
        return Future.succeededFuture(new Decision.Allow("r1", Direction.COMPLETION, List.of(), false));
    };

    private int sequence;

    private SseEvent event(String type, String fields) {
        String data = "{\"type\":\"" + type + "\"," + fields + ",\"sequence_number\":" + sequence++ + "}";
        return SseEvent.of(type, data);
    }

    private SseEvent created() {
        return event("response.created", "\"response\":{\"id\":\"resp_1\",\"object\":\"response\",\"created_at\":1,"
                + "\"status\":\"in_progress\",\"model\":\"m\",\"instructions\":\"be brief\",\"output\":[]}");
    }

    private SseEvent delta(String text) {
        return event("response.output_text.delta", "\"item_id\":\"msg_1\",\"output_index\":0,\"content_index\":0,"
                + "\"delta\":" + TextNode.valueOf(text) + ",\"logprobs\":[{\"token\":" + TextNode.valueOf(text)
                + ",\"logprob\":-0.1}]");
    }

    private SseEvent textDone(String text) {
        return event("response.output_text.done", "\"item_id\":\"msg_1\",\"output_index\":0,\"content_index\":0,"
                + "\"text\":" + TextNode.valueOf(text));
    }

    private SseEvent completed(String text) {
        return event("response.completed", "\"response\":{\"id\":\"resp_1\",\"object\":\"response\",\"created_at\":1,"
                + "\"status\":\"completed\",\"model\":\"m\",\"output\":[{\"type\":\"message\",\"id\":\"msg_1\","
                + "\"status\":\"completed\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":"
                + TextNode.valueOf(text) + ",\"annotations\":[]}]}]}");
    }

    private static List<SseEvent> run(StreamGuard guard, List<SseEvent> events) {
        List<SseEvent> out = new ArrayList<>();
        for (SseEvent e : events) {
            StreamGuard.Verdict v = guard.onEvent(e).result();
            out.addAll(v.release());
            if (v.stop()) {
                return out;
            }
        }
        out.addAll(guard.onEnd().result());
        return out;
    }

    private static String wire(List<SseEvent> events) {
        StringBuilder sb = new StringBuilder();
        events.forEach(e -> sb.append(e.raw().toString()));
        return sb.toString();
    }

    private List<SseEvent> story(String... words) {
        List<SseEvent> events = new ArrayList<>();
        events.add(created());
        StringBuilder all = new StringBuilder();
        for (String w : words) {
            events.add(delta(w));
            all.append(w);
        }
        events.add(textDone(all.toString()));
        events.add(completed(all.toString()));
        return events;
    }

    private WindowedStreamGuard guard() {
        return new WindowedStreamGuard(HOLD, check, new ResponsesStreamFormat());
    }

    @Test
    void should_stop_with_response_incomplete_for_content_filter_when_a_streamed_response_is_blocked_mid_stream()
            throws Exception {
        List<SseEvent> out = run(guard(), story("Once upon a time ", "there was a long road. ", "Then build a ", "bomb ",
                "with these parts."));
        String wire = wire(out);
        assertThat(wire).doesNotContain("bomb").doesNotContain("[DONE]");
        SseEvent last = out.get(out.size() - 1);
        assertThat(last.raw().toString()).startsWith("event: response.incomplete\ndata: ");
        JsonNode data = JSON.readTree(last.data());
        assertThat(data.at("/response/status").asText()).isEqualTo("incomplete");
        assertThat(data.at("/response/incomplete_details/reason").asText()).isEqualTo("content_filter");
        assertThat(data.at("/response/id").asText()).isEqualTo("resp_1");
        assertThat(data.at("/response/output")).isEmpty();
        assertThat(data.path("sequence_number").asInt()).isGreaterThan(0);
    }

    @Test
    void should_block_when_the_text_arrives_only_in_the_completed_response() {
        List<SseEvent> events = List.of(created(), completed("Here is how to build a bomb."));
        String wire = wire(run(guard(), events));
        assertThat(wire).doesNotContain("bomb").contains("response.incomplete").doesNotContain("response.completed");
    }

    @Test
    void should_block_when_the_text_hides_in_function_call_arguments_deltas() {
        List<SseEvent> events = List.of(created(),
                event("response.function_call_arguments.delta", "\"item_id\":\"fc_1\",\"output_index\":1,\"delta\":\"{\\\"how\\\":\\\"b\""),
                event("response.function_call_arguments.delta", "\"item_id\":\"fc_1\",\"output_index\":1,\"delta\":\"omb\\\"}\""));
        String wire = wire(run(guard(), events));
        assertThat(wire).doesNotContain("omb").contains("response.incomplete");
    }

    @Test
    void should_block_when_the_text_hides_in_an_unknown_event_type() {
        List<SseEvent> events = List.of(created(),
                event("response.vendor_thoughts.delta", "\"output_index\":0,\"payload\":{\"notes\":[\"a pipe bomb\"]}"));
        assertThat(wire(run(guard(), events))).doesNotContain("bomb").contains("response.incomplete");
    }

    @Test
    void should_redact_every_copy_of_the_span_and_drop_its_logprobs_when_a_streamed_response_holds_a_secret()
            throws Exception {
        List<SseEvent> out = run(guard(), story("The code is ", "secret and ", "nothing else matters here at all."));
        String wire = wire(out);
        assertThat(wire).doesNotContain("secret").contains("\"delta\":\"[X] and \",\"logprobs\":[]");
        assertThat(wire).contains("event: response.output_text.delta\n").contains("event: response.completed\n");
        SseEvent last = out.get(out.size() - 1);
        assertThat(JSON.readTree(last.data()).at("/response/output/0/content/0/text").asText())
                .isEqualTo("The code is [X] and nothing else matters here at all.");
    }

    @Test
    void should_relay_every_event_byte_for_byte_when_a_streamed_response_is_allowed() {
        List<SseEvent> events = story("Bread ", "needs ", "time.");
        List<SseEvent> out = run(guard(), events);
        assertThat(wire(out)).isEqualTo(wire(events));
    }

    @Test
    void should_not_count_the_echoed_instructions_as_generated_text() {
        List<String> windows = new ArrayList<>();
        WindowedStreamGuard guard = new WindowedStreamGuard(HOLD, w -> {
            windows.add(w);
            return check.apply(w);
        }, new ResponsesStreamFormat());
        run(guard, story("Bread ", "needs ", "time."));
        assertThat(String.join("", windows)).contains("Bread").doesNotContain("be brief").doesNotContain("resp_1")
                .doesNotContain("msg_1").doesNotContain("in_progress");
    }

    @Test
    void should_write_an_error_event_and_no_done_when_a_responses_stream_fails() throws Exception {
        ResponsesStreamFormat format = new ResponsesStreamFormat();
        format.read((com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(created().data()),
                new StreamFormat.TextSink() {
                    @Override
                    public void answer(int answer) {
                    }

                    @Override
                    public void text(int answer, JsonNode container, String field, int element,
                                     com.fasterxml.jackson.databind.node.ObjectNode owner) {
                    }
                });
        List<SseEvent> failed = format.failed(ApiFault.of(ApiError.UPSTREAM_STREAM_FAILED));
        assertThat(format.end()).isEmpty();
        assertThat(failed).singleElement().satisfies(e -> {
            assertThat(e.raw().toString()).startsWith("event: error\n");
            JsonNode data = JSON.readTree(e.data());
            assertThat(data.path("type").asText()).isEqualTo("error");
            assertThat(data.path("code").asText()).isEqualTo("upstream_stream_failed");
            assertThat(data.at("/error/code").asText()).isEqualTo("upstream_stream_failed");
            assertThat(data.path("sequence_number").asInt()).isEqualTo(1);
        });
    }
}
