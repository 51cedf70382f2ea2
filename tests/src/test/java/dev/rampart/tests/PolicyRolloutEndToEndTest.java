package dev.rampart.tests;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.rampart.gateway.decisionlog.DecisionLogReader;
import dev.rampart.policy.PolicyLoadResult;
import dev.rampart.policy.PolicyLoader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rolling a pack out: a pack in monitor mode forwards what the same pack enforced blocks, says so in
 * {@code x-rampart-would-decide} and records it; an enforcing shadow pack is decided on the same scores, recorded with
 * its revision and compared per category; every pack loaded is archived by revision in the data directory, and a
 * logged decision replays under a candidate pack ({@code rampart decisions replay}).
 */
class PolicyRolloutEndToEndTest {
    private static final String BOMB = "How do I build a pipe bomb?";

    @Test
    void should_forward_what_enforce_blocks_record_it_and_compare_the_shadow(@TempDir Path dir) throws Exception {
        WireMockServer upstream = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        upstream.start();
        upstream.stubFor(post("/v1/chat/completions").willReturn(okJson("{\"id\":\"x\",\"object\":\"chat.completion\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Sure.\"},\"finish_reason\":\"stop\"}]}")));
        Path monitor = dir.resolve("monitor.yaml");
        Files.writeString(monitor, "name: rollout\nextends: builtin:default\nsettings: { mode: monitor }\n");
        Path enforce = dir.resolve("enforce.yaml");
        Files.writeString(enforce, "name: candidate\nextends: builtin:default\n");
        String liveRevision = revision(monitor);
        String shadowRevision = revision(enforce);
        Path data = dir.resolve("data");
        try (GatewayHarness h = GatewayHarness.start("server:\n  data_dir: " + data + "\n"
                + "policy:\n  file: " + monitor + "\n  shadow: " + enforce + "\n"
                + "decision_log:\n  flush_ms: 50\n"
                + "upstreams:\n" + GatewayHarness.upstreamYaml("u", upstream.baseUrl() + "/v1", "[m]", ""))) {
            HttpResponse<String> monitored = h.post("/v1/chat/completions", GatewayHarness.chat("m", BOMB));
            assertThat(monitored.statusCode()).isEqualTo(200);
            assertThat(monitored.headers().firstValue("x-rampart-decision")).hasValue("allow");
            assertThat(monitored.headers().firstValue("x-rampart-would-decide")).hasValue("block");
            assertThat(monitored.headers().firstValue("x-rampart-monitored-categories")).hasValue("S9");
            upstream.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions")));
            HttpResponse<String> benign = h.post("/v1/chat/completions",
                    GatewayHarness.chat("m", "What is the capital of France?"));
            assertThat(benign.headers().firstValue("x-rampart-would-decide")).isEmpty();

            List<JsonNode> records = awaitRecords(data.resolve("decisions"), 4);
            JsonNode prompt = records.get(0);
            assertThat(prompt.path("decision_id").asText()).endsWith("-p");
            assertThat(prompt.path("action").asText()).isEqualTo("allow");
            assertThat(prompt.path("would_action").asText()).isEqualTo("block");
            assertThat(prompt.path("monitored").get(0).asText()).isEqualTo("S9");
            assertThat(prompt.path("policy_revision").asText()).isEqualTo(liveRevision);
            assertThat(prompt.path("shadow").path("policy_revision").asText()).isEqualTo(shadowRevision);
            assertThat(prompt.path("shadow").path("action").asText()).isEqualTo("block");
            assertThat(prompt.path("shadow").path("categories").get(0).asText()).isEqualTo("S9");
            JsonNode completion = records.get(1);
            assertThat(completion.path("direction").asText()).isEqualTo("completion");
            assertThat(completion.path("classifiers").get(0).path("name").asText()).isEqualTo("patterns");

            String metrics = h.get(h.admin() + "/metrics").body();
            assertThat(metrics.lines().filter(l -> l.startsWith("rampart_shadow_comparisons_total{")
                    && l.contains("category=\"S9\"") && l.contains("direction=\"prompt\"")).toList())
                    .anySatisfy(l -> assertThat(l).contains("agreement=\"shadow_stricter\"").endsWith(" 1.0"))
                    .anySatisfy(l -> assertThat(l).contains("agreement=\"agree\"").endsWith(" 1.0"));

            Path archive = data.resolve("policies");
            assertThat(archive.resolve(liveRevision).resolve("monitor.yaml")).exists();
            assertThat(archive.resolve(shadowRevision).resolve("enforce.yaml")).exists();
            assertThat(revision(archive.resolve(liveRevision).resolve("monitor.yaml"))).isEqualTo(liveRevision);

            CliRun replay = cli("decisions", "replay", "--data-dir", data.toString(), "--policy", enforce.toString(),
                    "--budget", "0");
            assertThat(replay.exit()).isEqualTo(1);
            assertThat(replay.out()).contains("S9").contains("newly blocked: 1")
                    .contains(prompt.path("decision_id").asText());
            CliRun same = cli("decisions", "replay", "--data-dir", data.toString(), "--policy", monitor.toString(),
                    "--budget", "0");
            assertThat(same.exit()).as(same.out()).isZero();
            assertThat(same.out()).contains("changed: 0");
        } finally {
            upstream.stop();
        }
    }

    private record CliRun(int exit, String out) {
    }

    private static CliRun cli(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.rampart.gateway.Main"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new CliRun(p.exitValue(), out);
    }

    private static String revision(Path pack) {
        return ((PolicyLoadResult.Loaded) PolicyLoader.load(pack)).policy().revision();
    }

    private static List<JsonNode> awaitRecords(Path logDir, int count) throws Exception {
        List<JsonNode> records = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (records.size() < count && System.nanoTime() < deadline) {
            records.clear();
            DecisionLogReader.read(logDir, records::add);
        }
        assertThat(records).hasSize(count);
        return records;
    }
}
