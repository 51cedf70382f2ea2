package dev.rampart.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Streaming through the gateway against a real in-process upstream (WireMock cannot reset mid-stream, stall, or
 * notice a cancelled request): exact bytes relayed, failures end with an error event and [DONE], disconnects cancel
 * the upstream, and a slow client pushes back on the upstream instead of filling the gateway's memory.
 */
class StreamingTest {
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
                "http://127.0.0.1:" + upstream.actualPort() + "/v1", "[m]", "    retry: { max_attempts: 1 }\n"));
    }

    @AfterAll
    static void stop() {
        harness.close();
        vertx.close().await();
    }

    private static String streamRequest() {
        return "{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"tell me about rivers\"}]}";
    }

    private static String chunk(String text) {
        return "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\""
                + text + "\"},\"finish_reason\":null}]}\n\n";
    }

    private static HttpServerResponse sse(HttpServerRequest req) {
        return req.response().setChunked(true).putHeader("content-type", "text/event-stream");
    }

    @Test
    void should_relay_every_event_byte_for_byte_and_end_with_done() {
        String events = chunk("Rivers ") + ": keep-alive\n\n" + chunk("flow ") + chunk("to the sea.");
        behaviour.set(req -> {
            HttpServerResponse res = sse(req);
            // one byte at a time, so events straddle every chunk boundary
            for (byte b : events.getBytes(StandardCharsets.UTF_8)) {
                res.write(Buffer.buffer(new byte[] {b}));
            }
            res.end("data: [DONE]\n\n");
        });
        HttpResponse<String> r = harness.post("/v1/chat/completions", streamRequest());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        assertThat(r.headers().firstValue("x-rampart-decision")).hasValue("allow");
        assertThat(r.body()).isEqualTo(events + "data: [DONE]\n\n");
    }

    @Test
    void should_end_the_stream_with_an_error_event_and_done_when_the_upstream_resets_mid_stream() {
        behaviour.set(req -> {
            HttpServerResponse res = sse(req);
            res.write(chunk("first "));
            vertx.setTimer(20, id -> req.connection().close());
        });
        HttpResponse<String> r = harness.post("/v1/chat/completions", streamRequest());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).startsWith(chunk("first "));
        assertThat(r.body()).contains("\"code\":\"upstream_stream_failed\"");
        assertThat(r.body()).endsWith("data: [DONE]\n\n");
        assertThat(r.body()).doesNotContain("Exception");
    }

    @Test
    void should_end_with_an_error_when_the_upstream_stream_is_cut_inside_an_event() {
        behaviour.set(req -> sse(req).end(chunk("whole ") + "data: {\"partial\":"));
        HttpResponse<String> r = harness.post("/v1/chat/completions", streamRequest());
        assertThat(r.body()).startsWith(chunk("whole ")).contains("upstream_stream_failed").endsWith("data: [DONE]\n\n");
    }

    @Test
    void should_end_with_an_error_when_an_upstream_event_is_unbounded() {
        behaviour.set(req -> {
            HttpServerResponse res = sse(req);
            res.write("data: ");
            res.end(Buffer.buffer(new byte[5 * 1024 * 1024]).toString().replace('\0', 'x'));
        });
        HttpResponse<String> r = harness.post("/v1/chat/completions", streamRequest());
        assertThat(r.body()).contains("upstream_stream_failed").endsWith("data: [DONE]\n\n");
        assertThat(r.body().length()).isLessThan(4096);
    }

    @Test
    void should_cancel_the_upstream_request_when_the_client_disconnects() throws Exception {
        CountDownLatch upstreamSawClose = new CountDownLatch(1);
        behaviour.set(req -> {
            HttpServerResponse res = sse(req);
            res.closeHandler(v -> upstreamSawClose.countDown());
            long timer = vertx.setPeriodic(10, id -> {
                if (!res.closed()) {
                    res.write(chunk("tick "));
                }
            });
            res.closeHandler(v -> {
                vertx.cancelTimer(timer);
                upstreamSawClose.countDown();
            });
        });
        HttpResponse<InputStream> r = harness.http.send(HttpRequest.newBuilder(
                        URI.create(harness.base() + "/v1/chat/completions"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(streamRequest())).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        InputStream body = r.body();
        assertThat(body.read(new byte[16])).isPositive();
        body.close();
        assertThat(upstreamSawClose.await(10, TimeUnit.SECONDS)).as("upstream request cancelled").isTrue();
    }

    @Test
    void should_pause_the_upstream_while_a_slow_client_is_not_reading() throws Exception {
        long total = 64L * 1024 * 1024;
        AtomicLong written = new AtomicLong();
        CountDownLatch allWritten = new CountDownLatch(1);
        Buffer piece = Buffer.buffer(chunk("x".repeat(16 * 1024)));
        behaviour.set(req -> {
            HttpServerResponse res = sse(req);
            Runnable[] pump = new Runnable[1];
            pump[0] = () -> {
                while (written.get() < total && !res.writeQueueFull()) {
                    res.write(piece);
                    written.addAndGet(piece.length());
                }
                if (written.get() >= total) {
                    res.end("data: [DONE]\n\n");
                    allWritten.countDown();
                } else {
                    res.drainHandler(v -> pump[0].run());
                }
            };
            pump[0].run();
        });
        try (Socket socket = new Socket("127.0.0.1", harness.gateway.publicPort())) {
            byte[] body = streamRequest().getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\n"
                    + "content-length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            // The client reads nothing: the upstream must stall long before it has written everything.
            assertThat(allWritten.await(3, TimeUnit.SECONDS)).as("upstream paused by backpressure").isFalse();
            assertThat(written.get()).isLessThan(total / 2);
            // Once the client reads, the stream flows to the end.
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[1 << 16];
            long read = 0;
            while (allWritten.getCount() > 0 || read < total) {
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                read += n;
                if (read > total && allWritten.getCount() == 0) {
                    break;
                }
            }
            assertThat(allWritten.await(30, TimeUnit.SECONDS)).isTrue();
        }
    }
}
