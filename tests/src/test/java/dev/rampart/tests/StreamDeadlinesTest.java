package dev.rampart.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A streamed reply is bounded in time: an upstream that only sends keep-alive comments after its first event, or one
 * that never stops sending, ends with an error event and the stream's end instead of holding the client (and a
 * connection) forever; a stream within both limits is relayed whole. The upstream is an in-process server on
 * 127.0.0.1 that stops its own timers when the gateway hangs up.
 */
class StreamDeadlinesTest {
    static Vertx vertx;
    static HttpServer upstream;
    static final AtomicReference<Handler<HttpServerRequest>> behaviour = new AtomicReference<>();
    static GatewayHarness harness;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        upstream = vertx.createHttpServer()
                .requestHandler(req -> req.body().onSuccess(b -> behaviour.get().handle(req)))
                .listen(0, "127.0.0.1").await();
        harness = GatewayHarness.start("upstreams:\n" + GatewayHarness.upstreamYaml("u",
                "http://127.0.0.1:" + upstream.actualPort() + "/v1", "[m]",
                "    retry: { max_attempts: 1 }\n    timeouts: { stream_silence_ms: 600, stream_total_ms: 2500 }\n"));
    }

    @AfterAll
    static void stop() {
        harness.close();
        vertx.close().await();
    }

    private static String chunk(String text) {
        return "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\""
                + text + "\"},\"finish_reason\":null}]}\n\n";
    }

    /** Writes {@code next} every {@code periodMs} until it returns null (then ends) or the gateway hangs up. */
    private static void every(HttpServerRequest req, long periodMs, java.util.function.IntFunction<String> next) {
        HttpServerResponse res = req.response().setChunked(true).putHeader("content-type", "text/event-stream");
        AtomicInteger n = new AtomicInteger();
        long timer = vertx.setPeriodic(periodMs, id -> {
            String piece = next.apply(n.getAndIncrement());
            if (piece == null) {
                vertx.cancelTimer(id);
                res.end("data: [DONE]\n\n");
            } else if (!res.closed()) {
                res.write(piece);
            }
        });
        req.connection().closeHandler(v -> vertx.cancelTimer(timer));
    }

    private static HttpResponse<String> stream() {
        return harness.post("/v1/chat/completions",
                "{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"tell me about rivers\"}]}");
    }

    @Test
    void should_end_with_an_error_when_the_upstream_sends_only_keep_alive_comments_past_the_silence_limit() {
        behaviour.set(req -> every(req, 50, i -> i == 0 ? chunk("Rivers ") : ": keep-alive\n\n"));
        HttpResponse<String> r = stream();
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).startsWith(chunk("Rivers ")).contains("\"code\":\"upstream_stream_failed\"")
                .endsWith("data: [DONE]\n\n");
    }

    @Test
    void should_end_with_an_error_when_the_stream_outlasts_its_total_time() {
        behaviour.set(req -> every(req, 100, i -> chunk("and on" + i + " ")));
        HttpResponse<String> r = stream();
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).startsWith(chunk("and on0 ")).contains("\"code\":\"upstream_stream_failed\"")
                .endsWith("data: [DONE]\n\n");
    }

    @Test
    void should_relay_a_stream_that_keeps_within_both_limits_whole() {
        behaviour.set(req -> every(req, 100, i -> i < 5 ? chunk("part" + i + " ") : null));
        HttpResponse<String> r = stream();
        assertThat(r.body()).isEqualTo(chunk("part0 ") + chunk("part1 ") + chunk("part2 ") + chunk("part3 ")
                + chunk("part4 ") + "data: [DONE]\n\n");
    }
}
