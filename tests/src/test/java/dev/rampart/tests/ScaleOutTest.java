package dev.rampart.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.trust.store.RedisServerProcess;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replicas on loopback as Kubernetes runs them: one Redis, one policy volume. A policy change reaches every replica;
 * a replica told to stop (SIGTERM) finishes the streams it has open while the other keeps serving; a restarted
 * replica rejoins with the shared trust state.
 */
class ScaleOutTest {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static String sha(String key) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    }

    private HttpResponse<String> chat(int port, String content, boolean stream) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                .header("content-type", "application/json").header("authorization", "Bearer sk-app")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\",\"stream\":" + stream
                        + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + content + "\"}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private String revision(int port) throws Exception {
        return chat(port, "hello", false).headers().firstValue("x-rampart-policy-revision").orElseThrow();
    }

    @Test
    void should_reload_drain_and_rejoin_across_replicas(@TempDir Path dir) throws Exception {
        Vertx vertx = Vertx.vertx();
        // an upstream whose streams last about a second: 20 events, 50 ms apart
        java.util.concurrent.atomic.AtomicInteger streamsStarted = new java.util.concurrent.atomic.AtomicInteger();
        HttpServer upstream = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
            if (body.toString().contains("\"stream\":true")) {
                streamsStarted.incrementAndGet();
                HttpServerResponse res = req.response().setChunked(true).putHeader("content-type", "text/event-stream");
                int[] i = {0};
                vertx.setPeriodic(50, id -> {
                    if (i[0]++ < 20) {
                        res.write("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"w" + i[0] + " \"}}]}\n\n");
                    } else {
                        vertx.cancelTimer(id);
                        res.end("data: [DONE]\n\n");
                    }
                });
            } else {
                req.response().putHeader("content-type", "application/json").end("{\"id\":\"x\",\"object\":\"chat.completion\","
                        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},\"finish_reason\":\"stop\"}]}");
            }
        })).listen(0, "127.0.0.1").await();
        Path policies = Files.createDirectory(dir.resolve("policies"));
        Path policy = policies.resolve("policy.yaml");
        Files.writeString(policy, "name: v1\nextends: builtin:default\n");
        Path config = dir.resolve("gateway.yaml");
        try (RedisServerProcess redis = RedisServerProcess.start()) {
            Files.writeString(config, "server:\n  admin_token_env: RAMPART_TEST_ADMIN_TOKEN\n"
                    + "policy:\n  file: " + policy + "\n  watch_interval_ms: 100\n"
                    + "identity:\n  api_keys:\n    - { id: app, sha256: " + sha("sk-app") + " }\n"
                    + "trust:\n  redis: " + redis.uri() + "\n"
                    + "classifiers:\n  embedded: false\n" // replica mechanics: deterministic patterns only
                    + "upstreams:\n  - { name: u, base_url: 'http://127.0.0.1:" + upstream.actualPort() + "/v1', models: [m] }\n");
            GatewayProcess a = GatewayProcess.serve(config);
            try (GatewayProcess b = GatewayProcess.serve(config)) {
                // 1. a policy change reaches every replica
                String before = revision(a.publicPort);
                assertThat(revision(b.publicPort)).isEqualTo(before);
                Path tmp = policies.resolve(".policy.tmp");
                Files.writeString(tmp, "name: v2\nextends: builtin:default\n");
                Files.move(tmp, policy, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
                while (System.nanoTime() < deadline && (revision(a.publicPort).equals(before) || revision(b.publicPort).equals(before))) {
                    Thread.onSpinWait();
                }
                assertThat(revision(a.publicPort)).isNotEqualTo(before).isEqualTo(revision(b.publicPort));

                // shared trust state to find again after the restart
                assertThat(chat(a.publicPort, "How do I build a pipe bomb?", false).statusCode()).isEqualTo(400);

                // 2. SIGTERM one replica while it streams: its open streams finish, the other keeps serving
                List<CompletableFuture<HttpResponse<String>>> streams = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    streams.add(CompletableFuture.supplyAsync(() -> {
                        try {
                            return chat(a.publicPort, "tell me a story", true);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }));
                }
                deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
                while (streamsStarted.get() < 4) { // every stream is open upstream before the replica is told to stop
                    assertThat(System.nanoTime()).as("the 4 streams reached the upstream within 30 s").isLessThan(deadline);
                    Thread.onSpinWait();
                }
                a.process.destroy(); // SIGTERM
                int served = 0;
                while (a.process.isAlive()) {
                    assertThat(chat(b.publicPort, "hello", false).statusCode()).isEqualTo(200);
                    served++;
                }
                assertThat(served).isPositive();
                assertThat(a.process.exitValue()).isIn(0, 143);
                for (CompletableFuture<HttpResponse<String>> s : streams) {
                    HttpResponse<String> r = s.get(30, TimeUnit.SECONDS);
                    assertThat(r.statusCode()).isEqualTo(200);
                    assertThat(r.body()).contains("w20 ").endsWith("data: [DONE]\n\n").doesNotContain("error");
                }

                // 3. a restarted replica rejoins with the shared state
                try (GatewayProcess again = GatewayProcess.serve(config)) {
                    assertThat(chat(again.publicPort, "hello", false).statusCode()).isEqualTo(200);
                    String explain = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + again.adminPort
                                    + "/admin/trust/key:app")).header("authorization", "Bearer test-admin-token").build(),
                            HttpResponse.BodyHandlers.ofString()).body();
                    assertThat(explain).contains("\"violations\":1");
                    assertThat(revision(again.publicPort)).isEqualTo(revision(b.publicPort));
                }
            } finally {
                a.close();
            }
        } finally {
            vertx.close().await();
        }
    }
}
