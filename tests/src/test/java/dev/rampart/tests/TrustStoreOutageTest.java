package dev.rampart.tests;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.rampart.trust.store.RedisServerProcess;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trust store fails safe: with Redis killed under load no request gets a 5xx, everyone is at the strictest tier
 * (a demoted or unknown caller never regains its claimed authority), the admin API answers the degraded assessment,
 * the fallbacks are counted, and trust comes back when Redis does, without a restart.
 */
class TrustStoreOutageTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OK = "{\"id\":\"x\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\","
            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"fine\"},\"finish_reason\":\"stop\"}]}";
    private static final String BORDERLINE = "What dose of oxycodone is right for severe post-operative pain?";

    private static String sha(String key) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    }

    private static HttpResponse<String> ask(GatewayHarness h) {
        return h.send(HttpRequest.newBuilder(URI.create(h.base() + "/v1/chat/completions"))
                .header("content-type", "application/json").header("authorization", "Bearer sk-clinic")
                .POST(HttpRequest.BodyPublishers.ofString(GatewayHarness.chat("m", BORDERLINE))).build());
    }

    @Test
    void should_serve_the_strictest_tier_without_5xx_while_redis_is_down_and_recover_when_it_returns(@TempDir Path dir)
            throws Exception {
        WireMockServer upstream = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        upstream.start();
        upstream.stubFor(post("/v1/chat/completions").willReturn(okJson(OK)));
        Path policy = dir.resolve("clinic.yaml");
        Files.writeString(policy, """
                name: clinic
                extends: builtin:default
                categories:
                  - id: S6
                    name: Specialized Advice
                    description: Specialized financial, medical or legal advice.
                    patterns: [ { literal: dose of oxycodone, score: 0.7 } ]
                """);
        RedisServerProcess redis = RedisServerProcess.start();
        int port = redis.port();
        try (GatewayHarness h = GatewayHarness.start("server:\n  admin_token_env: RAMPART_TEST_ADMIN_TOKEN\n"
                + "policy:\n  file: " + policy + "\n  watch: false\n"
                + "identity:\n  api_keys:\n"
                + "    - { id: clinic, sha256: " + sha("sk-clinic") + ", authority: { role: clinician } }\n"
                + "trust:\n  redis: " + redis.uri() + "\n  near_cache_ms: 0\n  read_timeout_ms: 100\n"
                + "upstreams:\n" + GatewayHarness.upstreamYaml("u", upstream.baseUrl() + "/v1", "[m]", ""))) {
            assertThat(ask(h).statusCode()).as("a verified clinician, Redis up").isEqualTo(200);

            redis.close();
            for (int i = 0; i < 20; i++) {
                HttpResponse<String> r = ask(h);
                assertThat(r.statusCode()).as("request %d with Redis down", i).isEqualTo(400);
            }
            HttpResponse<String> admin = h.send(HttpRequest.newBuilder(URI.create(h.admin() + "/admin/trust/key:clinic"))
                    .header("authorization", "Bearer test-admin-token").GET().build());
            assertThat(admin.statusCode()).isEqualTo(200);
            JsonNode e = JSON.readTree(admin.body());
            assertThat(e.path("degraded").asBoolean()).isTrue();
            assertThat(e.path("tier").asInt()).isZero();
            assertThat(h.get(h.admin() + "/metrics").body()).containsPattern("rampart_trust_degraded_total [1-9]");

            redis = RedisServerProcess.start(port);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            int status = 400;
            while (status != 200 && System.nanoTime() < deadline) {
                status = ask(h).statusCode();
            }
            assertThat(status).as("trust is back with Redis, without a restart").isEqualTo(200);
        } finally {
            redis.close();
            upstream.stop();
        }
    }
}
