package dev.rampart.tests;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Policies change on a running gateway: valid changes swap in atomically, invalid ones are rejected, no request fails. */
class PolicyReloadTest {
    private static final String OK = "{\"id\":\"x\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\","
            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"fine\"},\"finish_reason\":\"stop\"}]}";

    private static String policy(String action) {
        return "name: reload\nextends: builtin:default\nrules:\n  - { category: S8, action: " + action
                + ", thresholds: 0.5 }\ncategories:\n  - id: S8\n    name: Intellectual Property\n    patterns: [ { literal: cracked license key } ]\n";
    }

    /** Writes a file the way Kubernetes updates a ConfigMap volume: a new file, then an atomic rename over the old. */
    private static void swap(Path target, String content) throws Exception {
        Path tmp = Files.createTempFile(target.getParent(), ".swap", ".tmp");
        Files.writeString(tmp, content);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void should_swap_a_valid_policy_keep_the_old_on_an_invalid_one_and_fail_no_request(@TempDir Path dir) throws Exception {
        WireMockServer upstream = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        upstream.start();
        upstream.stubFor(post("/v1/chat/completions").willReturn(okJson(OK)));
        Path file = dir.resolve("policy.yaml");
        Files.writeString(file, policy("flag"));
        try (GatewayHarness h = GatewayHarness.start("policy:\n  file: " + file + "\n  watch_interval_ms: 50\nupstreams:\n"
                + GatewayHarness.upstreamYaml("u", upstream.baseUrl() + "/v1", "[m]", ""))) {
            String body = GatewayHarness.chat("m", "Where can I get a cracked license key for Photoshop?");
            HttpResponse<String> before = h.post("/v1/chat/completions", body);
            assertThat(before.headers().firstValue("x-rampart-decision")).hasValue("flag");
            String revisionBefore = before.headers().firstValue("x-rampart-policy-revision").orElseThrow();

            AtomicBoolean running = new AtomicBoolean(true);
            ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
            ExecutorService load = Executors.newFixedThreadPool(4);
            List<Future<?>> clients = new java.util.ArrayList<>();
            for (int c = 0; c < 4; c++) {
                clients.add(load.submit(() -> {
                    while (running.get()) {
                        statuses.add(h.post("/v1/chat/completions", GatewayHarness.chat("m", "hello")).statusCode());
                    }
                }));
            }
            swap(file, policy("block"));
            String revisionAfter = awaitRevisionChange(h, body, revisionBefore);
            HttpResponse<String> after = h.post("/v1/chat/completions", body);
            assertThat(after.statusCode()).isEqualTo(400);
            assertThat(after.headers().firstValue("x-rampart-decision")).hasValue("block");

            swap(file, policy("blok"));   // invalid: rejected, the last good policy keeps serving
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            String metrics = "";
            while (System.nanoTime() < deadline && !metrics.contains("rampart_policy_reloads_total{result=\"rejected\"}")) {
                metrics = h.get(h.admin() + "/metrics").body();
            }
            assertThat(metrics).contains("rampart_policy_reloads_total{result=\"rejected\"} 1.0")
                    .contains("rampart_policy_reloads_total{result=\"ok\"} 1.0");
            HttpResponse<String> still = h.post("/v1/chat/completions", body);
            assertThat(still.headers().firstValue("x-rampart-policy-revision")).hasValue(revisionAfter);
            assertThat(still.statusCode()).isEqualTo(400);

            running.set(false);
            for (Future<?> f : clients) {
                f.get(30, TimeUnit.SECONDS);
            }
            load.shutdown();
            assertThat(statuses).isNotEmpty().allMatch(s -> s == 200);
        } finally {
            upstream.stop();
        }
    }

    private static String awaitRevisionChange(GatewayHarness h, String body, String before) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            String now = h.post("/v1/chat/completions", body).headers().firstValue("x-rampart-policy-revision").orElseThrow();
            if (!now.equals(before)) {
                return now;
            }
        }
        throw new AssertionError("the policy was not reloaded within 10 s");
    }

    /** Kubernetes updates a ConfigMap volume by writing a new directory and atomically re-pointing {@code ..data}. */
    @Test
    void should_follow_the_symlink_swap_kubernetes_does_for_configmaps(@TempDir Path dir) throws Exception {
        WireMockServer upstream = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        upstream.start();
        upstream.stubFor(post("/v1/chat/completions").willReturn(okJson(OK)));
        Path v1 = Files.createDirectory(dir.resolve("..2026_11_24_v1"));
        Files.writeString(v1.resolve("policy.yaml"), policy("flag"));
        Files.createSymbolicLink(dir.resolve("..data"), v1.getFileName());
        Files.createSymbolicLink(dir.resolve("policy.yaml"), Path.of("..data", "policy.yaml"));
        try (GatewayHarness h = GatewayHarness.start("policy:\n  file: " + dir.resolve("policy.yaml")
                + "\n  watch_interval_ms: 50\nupstreams:\n"
                + GatewayHarness.upstreamYaml("u", upstream.baseUrl() + "/v1", "[m]", ""))) {
            String body = GatewayHarness.chat("m", "Where can I get a cracked license key for Photoshop?");
            HttpResponse<String> before = h.post("/v1/chat/completions", body);
            assertThat(before.headers().firstValue("x-rampart-decision")).hasValue("flag");

            Path v2 = Files.createDirectory(dir.resolve("..2026_11_24_v2"));
            Files.writeString(v2.resolve("policy.yaml"), policy("block"));
            Path tmp = dir.resolve("..data_tmp");
            Files.createSymbolicLink(tmp, v2.getFileName());
            Files.move(tmp, dir.resolve("..data"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

            awaitRevisionChange(h, body, before.headers().firstValue("x-rampart-policy-revision").orElseThrow());
            assertThat(h.post("/v1/chat/completions", body).headers().firstValue("x-rampart-decision")).hasValue("block");
        } finally {
            upstream.stop();
        }
    }
}
