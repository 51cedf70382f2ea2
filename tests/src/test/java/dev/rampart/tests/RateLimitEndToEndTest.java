package dev.rampart.tests;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.rampart.trust.store.RedisServerProcess;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * Trust-aware rate limits: the limit scales with the caller's tier, a request over it is a
 * {@code 429 rate_limit_exceeded} with {@code Retry-After} and OpenAI's {@code x-ratelimit-*} headers, and two
 * replicas sharing Redis together allow the limit per window.
 */
class RateLimitEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OK = "{\"id\":\"x\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\","
            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"fine\"},\"finish_reason\":\"stop\"}]}";
    private static final int PLAIN_LIMIT = 10;

    private static String sha(String key) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    }

    private static HttpResponse<String> ask(GatewayHarness h, String key) {
        return h.send(HttpRequest.newBuilder(URI.create(h.base() + "/v1/chat/completions"))
                .header("content-type", "application/json").header("authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString(GatewayHarness.chat("m", "hello there"))).build());
    }

    @Test
    void should_hold_the_tiers_limit_across_two_replicas_and_answer_429_with_retry_after() throws Exception {
        WireMockServer upstream = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        upstream.start();
        upstream.stubFor(post("/v1/chat/completions").willReturn(okJson(OK)));
        String yaml = "identity:\n  api_keys:\n"
                + "    - { id: plain, sha256: " + sha("sk-plain") + " }\n"
                + "    - { id: clinic, sha256: " + sha("sk-clinic") + ", authority: { role: clinician } }\n"
                + "limits:\n  key:\n    tier0: { requests_per_s: " + PLAIN_LIMIT + " }\n"
                + "    tier3: { requests_per_s: 1000 }\n"
                + "upstreams:\n" + GatewayHarness.upstreamYaml("u", upstream.baseUrl() + "/v1", "[m]", "");
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try (RedisServerProcess redis = RedisServerProcess.start();
             GatewayHarness a = GatewayHarness.start(yaml + "trust:\n  redis: " + redis.uri() + "\n");
             GatewayHarness b = GatewayHarness.start(yaml + "trust:\n  redis: " + redis.uri() + "\n")) {
            long firstSecond = System.currentTimeMillis() / 1000;
            List<CompletableFuture<HttpResponse<String>>> replies = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                GatewayHarness replica = i % 2 == 0 ? a : b;
                replies.add(CompletableFuture.supplyAsync(() -> ask(replica, "sk-plain"), clients));
            }
            List<HttpResponse<String>> done = replies.stream().map(CompletableFuture::join).toList();
            long windows = System.currentTimeMillis() / 1000 - firstSecond + 1;
            long allowed = done.stream().filter(r -> r.statusCode() == 200).count();
            assertThat(done).allSatisfy(r -> assertThat(r.statusCode()).isIn(200, 429));
            assertThat(allowed).as("allowed in %d one-second windows", windows)
                    .isBetween((long) PLAIN_LIMIT, PLAIN_LIMIT * windows);

            HttpResponse<String> limited = done.stream().filter(r -> r.statusCode() == 429).findFirst().orElseThrow();
            assertThat(JSON.readTree(limited.body()).at("/error/code").asText()).isEqualTo("rate_limit_exceeded");
            assertThat(JSON.readTree(limited.body()).at("/error/type").asText()).isEqualTo("rate_limit_error");
            assertThat(limited.headers().firstValue("retry-after")).hasValue("1");
            assertThat(limited.headers().firstValue("x-ratelimit-limit-requests")).hasValue(Integer.toString(PLAIN_LIMIT));
            assertThat(limited.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("0");
            HttpResponse<String> ok = done.stream().filter(r -> r.statusCode() == 200).findFirst().orElseThrow();
            assertThat(ok.headers().firstValue("x-ratelimit-limit-requests")).hasValue(Integer.toString(PLAIN_LIMIT));
            assertThat(ok.headers().firstValue("x-ratelimit-reset-requests")).hasValueSatisfying(
                    v -> assertThat(v).endsWith("ms"));

            for (int i = 0; i < 30; i++) {
                assertThat(ask(i % 2 == 0 ? a : b, "sk-clinic").statusCode()).as("tier 3 has a higher limit")
                        .isEqualTo(200);
            }
            assertThat(a.get(a.admin() + "/metrics").body() + b.get(b.admin() + "/metrics").body())
                    .contains("rampart_limits_rejected_total{kind=\"requests\",scope=\"key\",tier=\"0\"}");
        } finally {
            clients.shutdown();
            upstream.stop();
        }
    }

    @Test
    void should_refuse_a_key_whose_token_budget_for_the_minute_is_spent() throws Exception {
        WireMockServer upstream = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        upstream.start();
        upstream.stubFor(post("/v1/chat/completions").willReturn(okJson(OK.replaceFirst("}$",
                ",\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":40,\"total_tokens\":60}}"))));
        try (GatewayHarness h = GatewayHarness.start("identity:\n  api_keys:\n"
                + "    - { id: budget, sha256: " + sha("sk-budget") + " }\n"
                + "limits:\n  key:\n    tier0: { tokens_per_min: 100 }\n"
                + "upstreams:\n" + GatewayHarness.upstreamYaml("u", upstream.baseUrl() + "/v1", "[m]", ""))) {
            assertThat(ask(h, "sk-budget").statusCode()).isEqualTo(200);
            // the debit is recorded as the reply goes out: the budget is spent within a moment
            long deadline = System.nanoTime() + 10_000_000_000L;
            HttpResponse<String> r = ask(h, "sk-budget");
            while (r.statusCode() == 200 && System.nanoTime() < deadline) {
                r = ask(h, "sk-budget");
            }
            assertThat(r.statusCode()).isEqualTo(429);
            assertThat(JSON.readTree(r.body()).at("/error/code").asText()).isEqualTo("rate_limit_exceeded");
            assertThat(r.headers().firstValue("x-ratelimit-limit-tokens")).hasValue("100");
            assertThat(r.headers().firstValue("x-ratelimit-remaining-tokens")).hasValue("0");
            assertThat(r.headers().firstValue("retry-after")).isPresent();
        } finally {
            upstream.stop();
        }
    }

    @Test
    void should_refuse_a_key_whose_token_budget_for_the_utc_day_is_spent_until_midnight() throws Exception {
        WireMockServer upstream = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        upstream.start();
        upstream.stubFor(post("/v1/chat/completions").willReturn(okJson(OK.replaceFirst("}$",
                ",\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":40,\"total_tokens\":60}}"))));
        try (GatewayHarness h = GatewayHarness.start("identity:\n  api_keys:\n"
                + "    - { id: daily, sha256: " + sha("sk-daily") + " }\n"
                + "limits:\n  key:\n    tier0: { tokens_per_day: 100 }\n"
                + "upstreams:\n" + GatewayHarness.upstreamYaml("u", upstream.baseUrl() + "/v1", "[m]", ""))) {
            assertThat(ask(h, "sk-daily").statusCode()).isEqualTo(200);
            long deadline = System.nanoTime() + 10_000_000_000L;
            HttpResponse<String> r = ask(h, "sk-daily");
            while (r.statusCode() == 200 && System.nanoTime() < deadline) {
                r = ask(h, "sk-daily");
            }
            long msToMidnight = 86_400_000L - Math.floorMod(System.currentTimeMillis(), 86_400_000L);
            assertThat(r.statusCode()).isEqualTo(429);
            assertThat(JSON.readTree(r.body()).at("/error/code").asText()).isEqualTo("rate_limit_exceeded");
            assertThat(JSON.readTree(r.body()).at("/error/message").asText()).contains("tokens per day per key");
            assertThat(r.headers().firstValue("x-ratelimit-limit-tokens"))
                    .hasValue("100");
            assertThat(r.headers().firstValue("x-ratelimit-remaining-tokens")).hasValue("0");
            long resetMs = Long.parseLong(r.headers().firstValue("x-ratelimit-reset-tokens").orElseThrow()
                    .replace("ms", ""));
            assertThat(resetMs).as("until midnight UTC").isBetween(Math.max(1, msToMidnight - 60_000), msToMidnight + 60_000);
            assertThat(Long.parseLong(r.headers().firstValue("retry-after").orElseThrow()))
                    .isEqualTo(Math.max(1, (resetMs + 999) / 1000));
            assertThat(h.get(h.admin() + "/metrics").body())
                    .contains("rampart_limits_rejected_total{kind=\"tokens_per_day\",scope=\"key\",tier=\"0\"}");
        } finally {
            upstream.stop();
        }
    }
}
