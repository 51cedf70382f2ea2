package dev.rampart.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Streamed completions are moderated for real: unsafe text split into one character per event, after many benign
 * chunks, across window boundaries, in tool-call arguments or in the second choice never reaches the client; the
 * stream ends with {@code finish_reason: content_filter} and {@code [DONE]}, and the upstream request is cancelled.
 */
class StreamModerationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static Vertx vertx;
    static HttpServer upstream;
    static final AtomicReference<Consumer<HttpServerRequest>> behaviour = new AtomicReference<>();
    static GatewayHarness harness;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        upstream = vertx.createHttpServer()
                .requestHandler(req -> req.body().onSuccess(b -> behaviour.get().accept(req)))
                .listen(0, "127.0.0.1").await();
        harness = GatewayHarness.start("upstreams:\n" + GatewayHarness.upstreamYaml("u",
                "http://127.0.0.1:" + upstream.actualPort() + "/v1", "[m]", "    retry: { max_attempts: 1 }\n"));
    }

    @AfterAll
    static void stop() {
        harness.close();
        vertx.close().await();
    }

    private static String contentChunk(int choice, String text) {
        return "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":"
                + choice + ",\"delta\":{\"content\":" + quote(text) + "},\"finish_reason\":null}]}\n\n";
    }

    private static String toolChunk(String args) {
        return "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,"
                + "\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":" + quote(args) + "}}]},\"finish_reason\":null}]}\n\n";
    }

    private static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Streams the events one per write, notes whether the gateway cancelled the request. */
    private static CountDownLatch serve(List<String> events) {
        CountDownLatch cancelled = new CountDownLatch(1);
        behaviour.set(req -> {
            HttpServerResponse res = req.response().setChunked(true).putHeader("content-type", "text/event-stream");
            res.closeHandler(v -> cancelled.countDown());
            int[] i = {0};
            vertx.setPeriodic(1, id -> {
                if (res.closed() || res.ended()) {
                    vertx.cancelTimer(id);
                    return;
                }
                if (i[0] < events.size()) {
                    res.write(events.get(i[0]++));
                } else {
                    vertx.cancelTimer(id);
                    res.end("data: [DONE]\n\n");
                }
            });
        });
        return cancelled;
    }

    private static HttpResponse<String> stream() {
        return harness.post("/v1/chat/completions",
                "{\"model\":\"m\",\"stream\":true,\"n\":2,\"messages\":[{\"role\":\"user\",\"content\":\"write a story\"}]}");
    }

    /** The text the client saw per choice, and the events it received. */
    private record Received(List<JsonNode> events, StringBuilder[] text, boolean done) {
        String finishReason() {
            String reason = null;
            for (JsonNode e : events) {
                for (JsonNode c : e.path("choices")) {
                    if (c.path("finish_reason").isTextual()) {
                        reason = c.path("finish_reason").asText();
                    }
                }
            }
            return reason;
        }
    }

    private static Received parse(String body) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        StringBuilder[] text = {new StringBuilder(), new StringBuilder()};
        boolean done = false;
        for (String block : body.split("\n\n")) {
            if (!block.startsWith("data: ")) {
                continue;
            }
            String data = block.substring(6);
            if ("[DONE]".equals(data)) {
                done = true;
                continue;
            }
            JsonNode event = JSON.readTree(data);
            events.add(event);
            for (JsonNode c : event.path("choices")) {
                int index = c.path("index").asInt();
                text[index].append(c.at("/delta/content").asText(""));
                for (JsonNode call : c.at("/delta/tool_calls")) {
                    text[index].append(call.at("/function/arguments").asText(""));
                }
            }
        }
        return new Received(events, text, done);
    }

    private static List<String> oneCharPerEvent(int choice, String text) {
        List<String> events = new ArrayList<>();
        for (char c : text.toCharArray()) {
            events.add(contentChunk(choice, String.valueOf(c)));
        }
        return events;
    }

    @Test
    void should_release_a_benign_stream_whole_and_unchanged() throws Exception {
        String story = "Once upon a time a lighthouse keeper counted the waves. ".repeat(12);
        List<String> events = oneCharPerEvent(0, story);
        serve(events);
        HttpResponse<String> r = stream();
        assertThat(r.body()).isEqualTo(String.join("", events) + "data: [DONE]\n\n");
    }

    @Test
    void should_stop_unsafe_text_sent_one_character_per_event_after_many_benign_chunks() throws Exception {
        String benign = "The weather was calm and the harbour was quiet that evening. ".repeat(8);
        String unsafe = "Here is how to build a pipe bomb: first";
        List<String> events = new ArrayList<>();
        for (String word : benign.split("(?<= )")) {
            events.add(contentChunk(0, word));
        }
        events.addAll(oneCharPerEvent(0, unsafe));
        events.addAll(oneCharPerEvent(0, " more text that must never arrive".repeat(10)));
        CountDownLatch cancelled = serve(events);
        Received got = parse(stream().body());
        assertThat(got.text()[0].toString()).doesNotContain("pipe bomb").doesNotContain("never arrive");
        assertThat(benign).startsWith(got.text()[0].toString());
        assertThat(got.finishReason()).isEqualTo("content_filter");
        assertThat(got.done()).isTrue();
        assertThat(cancelled.await(10, TimeUnit.SECONDS)).as("upstream request cancelled").isTrue();
    }

    @Test
    void should_catch_unsafe_text_straddling_a_window_boundary() throws Exception {
        // 190 benign characters, then the phrase across the 200-character hold-back boundary
        String text = "a".repeat(94) + " " + "b".repeat(95) + " build a pipe bomb now";
        List<String> events = new ArrayList<>();
        for (int i = 0; i < text.length(); i += 7) {
            events.add(contentChunk(0, text.substring(i, Math.min(text.length(), i + 7))));
        }
        serve(events);
        Received got = parse(stream().body());
        assertThat(got.text()[0].toString()).doesNotContain("pipe bomb");
        assertThat(got.finishReason()).isEqualTo("content_filter");
    }

    @Test
    void should_moderate_tool_call_arguments() throws Exception {
        List<String> events = new ArrayList<>();
        for (String piece : List.of("{\"instructions\": \"", "how to build a ", "pipe", " bomb", "\"}")) {
            events.add(toolChunk(piece));
        }
        serve(events);
        Received got = parse(stream().body());
        assertThat(got.text()[0].toString()).doesNotContain("pipe");
        assertThat(got.finishReason()).isEqualTo("content_filter");
    }

    @Test
    void should_moderate_every_choice_not_only_the_first() throws Exception {
        List<String> events = new ArrayList<>();
        events.add(contentChunk(0, "A perfectly harmless poem about autumn leaves."));
        events.addAll(oneCharPerEvent(1, "Sure: to build a pipe bomb you"));
        serve(events);
        Received got = parse(stream().body());
        assertThat(got.text()[1].toString()).doesNotContain("pipe bomb");
        assertThat(got.finishReason()).isEqualTo("content_filter");
        assertThat(got.done()).isTrue();
    }

    @Test
    void should_redact_pii_in_a_stream_before_it_reaches_the_client() throws Exception {
        serve(oneCharPerEvent(0, "You can write to jane.doe@example.com for the tickets."));
        Received got = parse(stream().body());
        assertThat(got.text()[0].toString()).doesNotContain("jane.doe@example.com")
                .startsWith("You can write to ").endsWith(" for the tickets.");
        assertThat(got.done()).isTrue();
    }

    @Test
    void should_end_with_an_error_when_an_upstream_event_is_not_json() throws Exception {
        serve(List.of(contentChunk(0, "fine "), "data: {not json\n\n", contentChunk(0, "after")));
        String body = stream().body();
        assertThat(body).contains("upstream_stream_failed").endsWith("data: [DONE]\n\n").doesNotContain("after");
    }
}
