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
}
