package dev.rampart.tests;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.rampart.gateway.decisionlog.DecisionLogReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every decision is in the decision log, pseudonymised and without text, and can be found again from the shell. */
class DecisionLogEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void should_log_each_decision_without_text_and_find_it_by_subject_category_and_action(@TempDir Path dir)
            throws Exception {
        WireMockServer upstream = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        upstream.start();
        upstream.stubFor(post("/v1/chat/completions").willReturn(okJson("{\"id\":\"x\",\"object\":\"chat.completion\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Sure.\"},\"finish_reason\":\"stop\"}]}")));
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest("sk-app".getBytes(StandardCharsets.UTF_8)));
        Path data = dir.resolve("data");
        try (GatewayHarness h = GatewayHarness.start("server:\n  data_dir: " + data + "\n"
                + "identity:\n  api_keys:\n    - { id: app, sha256: " + sha + " }\n"
                + "decision_log:\n  flush_ms: 50\n"
                + "upstreams:\n" + GatewayHarness.upstreamYaml("u", upstream.baseUrl() + "/v1", "[m]", ""))) {
            for (String content : List.of("What is the capital of France?", "How do I build a pipe bomb?")) {
                h.send(HttpRequest.newBuilder(URI.create(h.base() + "/v1/chat/completions"))
                        .header("content-type", "application/json").header("authorization", "Bearer sk-app")
                        .POST(HttpRequest.BodyPublishers.ofString(GatewayHarness.chat("m", content))).build());
            }
            Path logDir = data.resolve("decisions");
            List<JsonNode> records = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (records.size() < 3 && System.nanoTime() < deadline) {
                records.clear();
                DecisionLogReader.read(logDir, records::add);
            }
            // allowed request: prompt + completion decisions; blocked request: prompt decision only
            assertThat(records).hasSize(3);
            JsonNode completion = records.get(1);
            assertThat(completion.path("direction").asText()).isEqualTo("completion");
            assertThat(completion.path("action").asText()).isEqualTo("allow");
            // the completion record carries the scores it was decided on (it once had an empty list)
            assertThat(completion.path("classifiers")).isNotEmpty();
            assertThat(completion.path("classifiers").findValuesAsText("name")).isNotEmpty();
            assertThat(completion.path("classifiers").findValuesAsText("status")).containsOnly("ok");
            JsonNode blocked = records.get(2);
            assertThat(blocked.path("action").asText()).isEqualTo("block");
            assertThat(blocked.path("direction").asText()).isEqualTo("prompt");
            assertThat(blocked.path("categories").get(0).asText()).isEqualTo("S9");
            assertThat(blocked.path("policy_revision").asText()).hasSize(12);
            assertThat(blocked.path("tier").asInt()).isZero();
            assertThat(blocked.path("classifiers").get(0).path("scores").path("S9").asDouble()).isEqualTo(1.0);
            assertThat(blocked.path("subject").asText()).hasSize(32).doesNotContain("app");
            assertThat(blocked.path("text_sha256").asText()).hasSize(64);
            assertThat(blocked.has("text")).isFalse();
            String raw = String.join("\n", Files.readAllLines(logDir.resolve("decisions.log")));
            assertThat(raw).doesNotContain("pipe bomb").doesNotContain("capital of France").doesNotContain("sk-app");

            Process cli = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "dev.rampart.gateway.Main", "decisions", "query",
                    "--data-dir", data.toString(), "--subject", "key:app", "--category", "S9", "--action", "block")
                    .redirectErrorStream(true).start();
            String out = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertThat(cli.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(out.lines().toList()).singleElement()
                    .satisfies(line -> assertThat(JSON.readTree(line).path("decision_id").asText()).endsWith("-p"));
        } finally {
            upstream.stop();
        }
    }

    @Test
    void should_refuse_requests_with_503_while_a_fail_closed_log_cannot_write_and_export_the_losses(@TempDir Path dir)
            throws Exception {
        Path full = Path.of("/dev/full"); // every write fails with "no space left on device"
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(full), "no /dev/full on this system");
        WireMockServer upstream = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        upstream.start();
        upstream.stubFor(post("/v1/chat/completions").willReturn(okJson("{\"id\":\"x\",\"object\":\"chat.completion\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Sure.\"},\"finish_reason\":\"stop\"}]}")));
        Path data = dir.resolve("data");
        Files.createDirectories(data.resolve("decisions"));
        Files.createSymbolicLink(data.resolve("decisions").resolve("decisions.log"), full);
        try (GatewayHarness h = GatewayHarness.start("server:\n  data_dir: " + data + "\n"
                + "decision_log:\n  flush_ms: 10\n  fail_closed: true\n"
                + "upstreams:\n" + GatewayHarness.upstreamYaml("u", upstream.baseUrl() + "/v1", "[m]", ""))) {
            // the log is writable until a write fails: the first request is served, its records fail to write
            assertThat(h.post("/v1/chat/completions", GatewayHarness.chat("m", "What is the capital of France?"))
                    .statusCode()).isEqualTo(200);
            String metrics = "";
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!metrics.contains("rampart_decision_log_writable 0.0") && System.nanoTime() < deadline) {
                metrics = h.get(h.admin() + "/metrics").body();
            }
            assertThat(metrics).contains("rampart_decision_log_writable 0.0").contains("rampart_decision_log_dropped_total 0.0");
            assertThat(metrics).containsPattern("rampart_decision_log_write_failures_total [1-9]");

            var refused = h.post("/v1/chat/completions", GatewayHarness.chat("m", "What is the capital of Spain?"));

            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(refused.body()).path("error").path("code").asText()).isEqualTo("guardrail_unavailable");
            assertThat(refused.headers().firstValue("retry-after")).hasValue("1");
            upstream.verify(1, com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                    com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/v1/chat/completions")));
        } finally {
            upstream.stop();
        }
    }
}
