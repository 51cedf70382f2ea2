package dev.rampart.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseParserTest {

    @Test
    void should_emit_events_only_when_complete_even_one_byte_at_a_time() {
        SseParser parser = new SseParser(1024);
        String stream = "data: {\"a\":1}\n\ndata: {\"b\":2}\n\ndata: [DONE]\n\n";
        List<SseEvent> events = new ArrayList<>();
        for (char c : stream.toCharArray()) {
            events.addAll(parser.feed(Buffer.buffer(String.valueOf(c))));
        }
        assertThat(events).extracting(SseEvent::data).containsExactly("{\"a\":1}", "{\"b\":2}", "[DONE]");
        assertThat(events.get(0).raw().toString()).isEqualTo("data: {\"a\":1}\n\n");
        assertThat(parser.hasPartialEvent()).isFalse();
    }

    @Test
    void should_handle_crlf_and_multi_line_data_and_comments() {
        SseParser parser = new SseParser(1024);
        List<SseEvent> events = parser.feed(Buffer.buffer(": keep-alive\r\n\r\ndata: line1\r\ndata: line2\r\n\r\n"));
        assertThat(events).hasSize(2);
        assertThat(events.get(0).data()).isNull();
        assertThat(events.get(1).data()).isEqualTo("line1\nline2");
    }

    @Test
    void should_keep_a_trailing_cr_until_the_next_chunk_decides() {
        SseParser parser = new SseParser(1024);
        assertThat(parser.feed(Buffer.buffer("data: x\r\n\r"))).isEmpty();
        assertThat(parser.feed(Buffer.buffer("\n"))).extracting(SseEvent::data).containsExactly("x");
    }

    @Test
    void should_report_a_cut_off_event() {
        SseParser parser = new SseParser(1024);
        parser.feed(Buffer.buffer("data: {\"partial\""));
        assertThat(parser.hasPartialEvent()).isTrue();
    }

    @Test
    void should_fail_when_an_event_grows_past_the_bound() {
        SseParser parser = new SseParser(16);
        assertThatThrownBy(() -> parser.feed(Buffer.buffer("data: " + "x".repeat(64))))
                .isInstanceOf(SseParser.MalformedStreamException.class);
    }
}
