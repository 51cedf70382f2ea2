package dev.rampart.tests;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
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
 * A noisy neighbour cannot take the embedded classifier queue from other tenants: a tenant's texts in classification
 * are held to its share of the queue, and moderation requests to their tier's number of inputs, so another tenant's
 * benign prompt is still classified (not failed closed) and its trust is unchanged.
 */
class NoisyNeighbourTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OK = "{\"id\":\"x\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\","
            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Paris.\"},\"finish_reason\":\"stop\"}]}";

    private static String sha(String key) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    }

    private static String moderation(int inputs, int batch) throws Exception {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < inputs; i++) {
            texts.add("Batch " + batch + " item " + i + ": a note about the weather in town today.");
        }
        return JSON.writeValueAsString(java.util.Map.of("input", texts));
    }

    private static HttpResponse<String> post(GatewayHarness h, String path, String key, String body) {
        return h.send(HttpRequest.newBuilder(URI.create(h.base() + path))
                .header("content-type", "application/json").header("authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    @Test
    void should_keep_another_tenants_decisions_and_trust_while_a_tenant_floods_moderations() throws Exception {
        WireMockServer upstream = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        upstream.start();
        upstream.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/v1/chat/completions").willReturn(okJson(OK)));
        ExecutorService clients = Executors.newFixedThreadPool(10);
        try (GatewayHarness h = GatewayHarness.start("server:\n  admin_token_env: RAMPART_TEST_ADMIN_TOKEN\n"
                + "identity:\n  api_keys:\n"
                + "    - { id: noisy, sha256: " + sha("sk-noisy") + ", tenant: a }\n"
                + "    - { id: quiet, sha256: " + sha("sk-quiet") + ", tenant: b }\n"
                + "classifiers:\n  embedded: true\n  embedded_queue: 64\n  cache: { max_entries: 0 }\n"
                + "limits:\n  classifier_share: 0.5\n  moderation_inputs: { tier0: 32 }\n"
                + "upstreams:\n" + GatewayHarness.upstreamYaml("u", upstream.baseUrl() + "/v1", "[m]", ""))) {
            HttpResponse<String> tooMany = post(h, "/v1/moderations", "sk-noisy", moderation(40, 0));
            assertThat(tooMany.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(tooMany.body()).at("/error/param").asText()).isEqualTo("input");

            List<CompletableFuture<HttpResponse<String>>> flood = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String body = moderation(30, i + 1);
                flood.add(CompletableFuture.supplyAsync(() -> post(h, "/v1/moderations", "sk-noisy", body), clients));
            }
            List<CompletableFuture<HttpResponse<String>>> quiet = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                quiet.add(CompletableFuture.supplyAsync(() -> post(h, "/v1/chat/completions", "sk-quiet",
                        GatewayHarness.chat("m", "What is the capital of France?")), clients));
            }
            for (CompletableFuture<HttpResponse<String>> f : flood) {
                assertThat(f.join().statusCode()).as("the noisy tenant is held to its share").isIn(200, 429);
            }
            for (CompletableFuture<HttpResponse<String>> f : quiet) {
                HttpResponse<String> r = f.join();
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.headers().firstValue("x-rampart-decision")).hasValue("allow");
            }
            HttpResponse<String> explained = h.send(HttpRequest.newBuilder(URI.create(h.admin() + "/admin/trust/key:quiet"))
                    .header("authorization", "Bearer test-admin-token").GET().build());
            assertThat(JSON.readTree(explained.body()).at("/history/violations").asLong()).isZero();
        } finally {
            clients.shutdown();
            upstream.stop();
        }
    }
}
