package dev.rampart.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A classifier that fails is never a gateway fault: each category follows its {@code on_error} — fail closed
 * (block) by default, fail open where the policy says so — and each is counted separately for operators.
 */
class ClassifierFailureTest {

    @Test
    void should_fail_closed_by_default_fail_open_where_configured_and_count_both(@TempDir Path dir) throws Exception {
        Path policy = dir.resolve("policy.yaml");
        // a pathological pattern makes the pattern classifier exceed its matching budget on this input: an ERROR result
        Files.writeString(policy, """
                name: fragile
                categories:
                  - id: strict
                    name: Strict
                    patterns: [ { regex: 'zzz' } ]
                  - id: lenient
                    name: Lenient
                    patterns: [ { regex: '(a|a)+\\1b' } ]
                rules:
                  - { category: strict, action: block, thresholds: 0.5 }
                  - { category: lenient, action: block, thresholds: 0.5, on_error: allow }
                """);
        try (GatewayHarness h = GatewayHarness.start("policy:\n  file: " + policy + "\n")) {
            HttpResponse<String> r = h.post("/v1/moderations", "{\"input\":\"" + "a".repeat(40) + "!\"}");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("\"flagged\":true").contains("\"strict\":true").contains("\"lenient\":false");
            String metrics = h.get(h.admin() + "/metrics").body();
            assertThat(metrics).contains("rampart_classifier_fail_closed_total{category=\"strict\",direction=\"prompt\"} 1.0")
                    .contains("rampart_classifier_fail_open_total{category=\"lenient\",direction=\"prompt\"} 1.0")
                    .contains("rampart_classifier_errors_total{classifier=\"patterns\",direction=\"prompt\",reason=\"error\"} 1.0");
        }
    }

    /** The same pathological pattern, in a policy whose only failing category is fail-closed, or only fail-open. */
    private static Path policy(Path dir, String onError) throws Exception {
        Path policy = dir.resolve("policy-" + onError + ".yaml");
        Files.writeString(policy, """
                name: fragile
                categories:
                  - id: fragile
                    name: Fragile
                    patterns: [ { regex: '(a|a)+\\1b' } ]
                rules:
                  - { category: fragile, action: block, thresholds: 0.5, on_error: %s }
                """.formatted(onError));
        return policy;
    }

    private static String upstream(com.github.tomakehurst.wiremock.WireMockServer upstream) {
        return "upstreams:\n" + GatewayHarness.upstreamYaml("u", upstream.baseUrl() + "/v1", "[m]", "");
    }

    @Test
    void should_answer_503_guardrail_unavailable_when_a_fail_closed_classifier_fails(@TempDir Path dir) throws Exception {
        var upstream = new com.github.tomakehurst.wiremock.WireMockServer(
                com.github.tomakehurst.wiremock.core.WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        upstream.start();
        try (GatewayHarness h = GatewayHarness.start("policy:\n  file: " + policy(dir, "block") + "\n" + upstream(upstream))) {
            HttpResponse<String> r = h.post("/v1/chat/completions", GatewayHarness.chat("m", "a".repeat(40) + "!"));
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.body()).contains("\"code\":\"guardrail_unavailable\"").contains("\"type\":\"server_error\"");
            assertThat(r.headers().firstValue("retry-after")).isPresent();
            assertThat(upstream.getAllServeEvents()).isEmpty();
        } finally {
            upstream.stop();
        }
    }

    @Test
    void should_forward_with_x_rampart_degraded_when_a_fail_open_classifier_fails(@TempDir Path dir) throws Exception {
        var upstream = new com.github.tomakehurst.wiremock.WireMockServer(
                com.github.tomakehurst.wiremock.core.WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        upstream.start();
        upstream.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/v1/chat/completions").willReturn(
                com.github.tomakehurst.wiremock.client.WireMock.okJson("{\"id\":\"x\",\"object\":\"chat.completion\","
                        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Sure.\"},"
                        + "\"finish_reason\":\"stop\"}]}")));
        try (GatewayHarness h = GatewayHarness.start("policy:\n  file: " + policy(dir, "allow") + "\n" + upstream(upstream))) {
            HttpResponse<String> r = h.post("/v1/chat/completions", GatewayHarness.chat("m", "a".repeat(40) + "!"));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("x-rampart-degraded")).hasValue("fragile");
        } finally {
            upstream.stop();
        }
    }
}
