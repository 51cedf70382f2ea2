package dev.rampart.tests;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Streamed replies are charged to the caller's token budgets once the stream is over: from the upstream's final
 * usage chunk when it sends one, else from an estimate of the prompt and the streamed text; also when the client goes
 * away mid-stream or the completion guard cuts the stream. A budget of 100 tokens a minute; each first stream costs
 * more, so the key's next streamed request is refused {@code 429 rate_limit_exceeded}. And a client that leaves a
 * stream gives its concurrent slot back at once.
 */
class StreamLimitsEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "sk-stream-budget";
    /** A prompt of 11 bytes: 3 tokens by the estimate. */
    private static final String STREAM_REQUEST =
            "{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}]}";

    private WireMockServer wiremock;
    private Vertx vertx;
    private HttpServer inProcess;
    private final AtomicReference<Handler<HttpServerRequest>> behaviour = new AtomicReference<>();

    @BeforeEach
    void upstreams() {
        wiremock = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        wiremock.start();
        vertx = Vertx.vertx();
        inProcess = vertx.createHttpServer()
                .requestHandler(req -> req.body().onSuccess(b -> behaviour.get().handle(req)))
                .listen(0, "127.0.0.1").await();
    }

    @AfterEach
    void stop() {
        wiremock.stop();
        vertx.close().await();
    }

    private static GatewayHarness gateway(String baseUrl) throws Exception {
        return gateway(baseUrl, "tokens_per_min: 100");
    }

    private static GatewayHarness gateway(String baseUrl, String limits) throws Exception {
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(KEY.getBytes(StandardCharsets.UTF_8)));
        return GatewayHarness.start("identity:\n  api_keys:\n    - { id: streamer, sha256: " + sha + " }\n"
                + "limits:\n  key:\n    tier0: { " + limits + " }\n"
                + "upstreams:\n" + GatewayHarness.upstreamYaml("u", baseUrl, "[m]", "    retry: { max_attempts: 1 }\n"));
    }

    private static HttpRequest streamRequest(GatewayHarness h) {
        return HttpRequest.newBuilder(URI.create(h.base() + "/v1/chat/completions"))
                .header("content-type", "application/json").header("authorization", "Bearer " + KEY)
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(STREAM_REQUEST)).build();
    }

    private static String chunk(String text) {
        return "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,"
                + "\"delta\":{\"content\":\"" + text + "\"},\"finish_reason\":null}]}\n\n";
    }

    private static String sse(String... events) {
        return String.join("", events) + "data: [DONE]\n\n";
    }

    /**
     * The key's next streamed request, tried at most three times: the charge is recorded as the first stream's end
     * goes out, so it is in place within a moment; a gateway that did not charge the stream would answer 200 each time.
     */
    private static HttpResponse<String> nextRefused(GatewayHarness h) {
        HttpResponse<String> r = h.send(streamRequest(h));
        for (int attempt = 1; attempt < 3 && r.statusCode() == 200; attempt++) {
            r = h.send(streamRequest(h));
        }
        return r;
    }

    private static void assertTokenRefusal(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(JSON.readTree(r.body()).at("/error/code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(r.headers().firstValue("x-ratelimit-limit-tokens")).hasValue("100");
        assertThat(r.headers().firstValue("x-ratelimit-remaining-tokens")).hasValue("0");
        String reset = r.headers().firstValue("x-ratelimit-reset-tokens").orElseThrow();
        assertThat(reset).endsWith("ms");
        long resetMs = Long.parseLong(reset.replace("ms", ""));
        assertThat(resetMs).as("within the minute").isBetween(1L, 60_000L);
        assertThat(r.headers().firstValue("retry-after")).as("seconds until the minute is over")
                .hasValue(Long.toString(Math.max(1, (resetMs + 999) / 1000)));
    }

    @Test
    void should_refuse_the_next_streamed_request_once_the_final_usage_chunk_spent_the_minutes_budget() throws Exception {
        // a short text (an estimate of about 5 tokens): only the reported usage spends the budget
        wiremock.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(200)
                .withHeader("content-type", "text/event-stream")
                .withBody(sse(chunk("Hi."),
                        "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                                + "\"choices\":[],\"usage\":{\"prompt_tokens\":30,\"completion_tokens\":120,"
                                + "\"total_tokens\":150}}\n\n"))));
        try (GatewayHarness h = gateway(wiremock.baseUrl() + "/v1")) {
            HttpResponse<String> first = h.send(streamRequest(h));
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.body()).contains("\"total_tokens\":150").endsWith("data: [DONE]\n\n");
            assertTokenRefusal(nextRefused(h));
            assertThat(wiremock.getAllServeEvents()).as("the refused request never reached the upstream").hasSize(1);
        }
    }

    @Test
    void should_refuse_the_next_streamed_request_once_the_estimated_stream_spent_the_minutes_budget() throws Exception {
        // no usage chunk: 3 tokens of prompt + 480 bytes streamed in 8 deltas (120 tokens) = 123 > 100
        String[] events = new String[8];
        for (int i = 0; i < events.length; i++) {
            events[i] = chunk("River " + "w".repeat(54));
        }
        wiremock.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(200)
                .withHeader("content-type", "text/event-stream").withBody(sse(events))));
        try (GatewayHarness h = gateway(wiremock.baseUrl() + "/v1")) {
            HttpResponse<String> first = h.send(streamRequest(h));
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.body()).doesNotContain("usage").endsWith("data: [DONE]\n\n");
            assertTokenRefusal(nextRefused(h));
        }
    }

    @Test
    void should_charge_what_was_streamed_when_the_client_disconnects_mid_stream() throws Exception {
        CountDownLatch upstreamSawClose = new CountDownLatch(1);
        behaviour.set(req -> {                             // 600 bytes of text, then the stream stalls
            HttpServerResponse res = req.response().setChunked(true).putHeader("content-type", "text/event-stream");
            res.closeHandler(v -> upstreamSawClose.countDown());
            for (int i = 0; i < 10; i++) {
                res.write(chunk("x".repeat(60)));
            }
            behaviour.set(next -> next.response().putHeader("content-type", "text/event-stream")
                    .end(sse(chunk("ok"))));                 // later requests: a tiny stream (4 tokens)
        });
        try (GatewayHarness h = gateway("http://127.0.0.1:" + inProcess.actualPort() + "/v1")) {
            HttpResponse<InputStream> streaming = h.http.send(streamRequest(h), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(streaming.statusCode()).isEqualTo(200);
            InputStream body = streaming.body();
            assertThat(body.readNBytes(64)).hasSize(64);
            body.close();
            assertThat(upstreamSawClose.await(10, TimeUnit.SECONDS)).as("the gateway cancelled the upstream").isTrue();
            assertTokenRefusal(nextRefused(h));
        }
    }

    @Test
    void should_charge_what_was_streamed_when_the_completion_guard_cuts_the_stream() throws Exception {
        StringBuilder story = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            story.append(chunk("The harbour was quiet that evening and the boats rocked. "));
        }
        String unsafe = story + chunk("Here is how to build a pipe bomb: first") + chunk(" never sent");
        behaviour.set(req -> req.response().setChunked(true).putHeader("content-type", "text/event-stream")
                .end(sse(unsafe)));
        try (GatewayHarness h = gateway("http://127.0.0.1:" + inProcess.actualPort() + "/v1")) {
            HttpResponse<String> cut = h.send(streamRequest(h));
            assertThat(cut.statusCode()).isEqualTo(200);
            assertThat(cut.body()).contains("content_filter").doesNotContain("pipe bomb");
            assertTokenRefusal(nextRefused(h));
        }
    }

    @Test
    void should_give_the_concurrent_slot_back_when_the_client_disconnects_mid_stream() throws Exception {
        CountDownLatch upstreamSawClose = new CountDownLatch(1);
        behaviour.set(req -> {                             // a stream that stalls after its first text
            HttpServerResponse res = req.response().setChunked(true).putHeader("content-type", "text/event-stream");
            res.closeHandler(v -> upstreamSawClose.countDown());
            for (int i = 0; i < 10; i++) {
                res.write(chunk("x".repeat(60)));
            }
            behaviour.set(next -> next.response().putHeader("content-type", "text/event-stream")
                    .end(sse(chunk("ok"))));
        });
        try (GatewayHarness h = gateway("http://127.0.0.1:" + inProcess.actualPort() + "/v1", "concurrent: 1")) {
            HttpResponse<InputStream> streaming = h.http.send(streamRequest(h), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(streaming.statusCode()).isEqualTo(200);
            InputStream body = streaming.body();
            assertThat(body.readNBytes(64)).hasSize(64);
            body.close();
            assertThat(upstreamSawClose.await(10, TimeUnit.SECONDS)).as("the gateway cancelled the upstream").isTrue();
            long deadline = System.nanoTime() + 10_000_000_000L;
            HttpResponse<String> next = h.send(streamRequest(h));
            while (next.statusCode() == 429 && System.nanoTime() < deadline) {
                next = h.send(streamRequest(h));
            }
            assertThat(next.statusCode()).as("the left stream's slot is free again").isEqualTo(200);
        }
    }
}
