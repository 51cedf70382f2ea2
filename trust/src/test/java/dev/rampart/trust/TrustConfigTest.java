package dev.rampart.trust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.config.ConfigNode;
import dev.rampart.config.ConfigProblem;
import dev.rampart.config.YamlReader;
import dev.rampart.trust.identity.AuthorityMapping;
import dev.rampart.trust.model.TrustModelConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code identity:} and {@code trust:} sections read through the configuration toolkit. */
class TrustConfigTest {
    private final List<ConfigProblem> problems = new ArrayList<>();

    private TrustConfig read(String yaml) {
        ConfigNode root = YamlReader.parse("gw.yaml", yaml, problems);
        return TrustConfig.read(root.get("identity"), root.get("trust"));
    }

    private List<String> messages() {
        return problems.stream().map(ConfigProblem::toString).toList();
    }

    @Test
    void should_take_the_defaults_when_both_sections_are_missing() {
        TrustConfig config = read("server: {}\n");
        assertThat(problems).isEmpty();
        assertThat(config.credentialsRequired()).isFalse();
        assertThat(config.authority()).isEqualTo(AuthorityMapping.DEFAULTS);
        assertThat(config.model()).isSameAs(TrustModelConfig.DEFAULTS);
        assertThat(config.nearCacheTtl()).isEqualTo(Duration.ofMillis(TrustConfig.DEFAULT_NEAR_CACHE_MS));
        assertThat(config.commitDelayMs()).isEqualTo(TrustConfig.DEFAULT_COMMIT_DELAY_MS);
    }

    @Test
    void should_read_keys_issuers_authority_and_the_model() {
        TrustConfig config = read("""
                identity:
                  api_keys:
                    - { id: clinic-app, sha256: %s, tenant: clinic, authority: { role: clinician } }
                  jwt:
                    - { issuer: https://idp.example, audience: rampart, jwks_file: jwks.json, authority_claims: [role] }
                  authority:
                    values: { role: { clinician: 1.0 } }
                trust:
                  near_cache_ms: 200
                  redis: redis://127.0.0.1:6379
                  model: { block_weight: 5.0, tier_thresholds: [0.2, 0.5, 0.7] }
                """.formatted("a".repeat(64)));
        assertThat(messages()).isEmpty();
        assertThat(config.apiKeys()).singleElement().satisfies(k -> {
            assertThat(k.subject()).isEqualTo("key:clinic-app");
            assertThat(k.tenant()).isEqualTo("clinic");
            assertThat(k.authority()).containsEntry("role", "clinician");
        });
        assertThat(config.issuers()).singleElement().satisfies(i -> {
            assertThat(i.subjectClaim()).isEqualTo(TrustConfig.DEFAULT_SUBJECT_CLAIM);
            assertThat(i.authorityClaims()).containsExactly("role");
        });
        assertThat(config.authority().values()).containsOnlyKeys("role");
        assertThat(config.nearCacheTtl()).isEqualTo(Duration.ofMillis(200));
        assertThat(config.redisUri()).isEqualTo("redis://127.0.0.1:6379");
        assertThat(config.model().blockWeight()).isEqualTo(5.0);
        assertThat(config.model().tierThresholds()).containsExactly(0.2, 0.5, 0.7);
    }

    @Test
    void should_report_every_problem_with_its_line_path_and_one_unknown_key_message() {
        read("""
                identity:
                  api_key: []
                  jwt:
                    - { issuer: https://idp.example, audience: rampart, jwks_url: https://evil.example/jwks }
                trust:
                  commit_delay_ms: 5
                  redis: http://x
                  model: { block_weight: -1 }
                """);
        assertThat(messages()).contains(
                "gw.yaml:2: identity.api_key: unknown key (did you mean 'api_keys'?)",
                "gw.yaml:4: identity.jwt[0].jwks_url: must be served by the issuer (https://idp.example), but was"
                        + " 'https://evil.example/jwks'",
                "gw.yaml:6: trust.commit_delay_ms: must be between 10 and 1000, but was 5",
                "gw.yaml:7: trust.redis: must be a redis:// URI, but was 'http://x'");
        assertThat(problems).anyMatch(p -> p.path().equals("trust.model.block_weight") && p.line() == 8);
    }

    private List<String> issuer(String iss) {
        read("identity:\n  jwt:\n    - { issuer: '" + iss + "', audience: rampart, jwks_file: /tmp/jwks.json }\n");
        return messages();
    }

    @Test
    void should_refuse_an_http_issuer_on_a_remote_host() {
        assertThat(issuer("http://idp.example.com"))
                .anySatisfy(p -> assertThat(p).contains("identity.jwt[0].issuer: must be an https:// URL"));
    }

    @Test
    void should_accept_https_issuers_and_http_on_loopback() {
        assertThat(issuer("https://idp.example.com")).isEmpty();
        assertThat(issuer("http://127.0.0.1:8080")).isEmpty();
        assertThat(issuer("http://localhost:8080")).isEmpty();
    }

    @Test
    void should_read_the_store_timeout_and_the_sub_subject_cap_with_their_defaults() {
        TrustConfig defaults = read("server: {}\n");
        assertThat(defaults.readTimeout().toMillis()).isEqualTo(100);
        assertThat(defaults.maxSubSubjects()).isEqualTo(1000);
        TrustConfig set = read("trust: { read_timeout_ms: 250, max_sub_subjects: 5 }\n");
        assertThat(set.readTimeout().toMillis()).isEqualTo(250);
        assertThat(set.maxSubSubjects()).isEqualTo(5);
        assertThat(messages()).isEmpty();
        read("trust: { read_timeout_ms: 0 }\n");
        assertThat(messages()).singleElement().asString().contains("trust.read_timeout_ms");
    }

    @Test
    void should_refuse_a_key_subject_that_looks_like_a_sub_subject() {
        read("identity:\n  api_keys:\n    - { id: k, sha256: " + "0".repeat(64) + ", subject: 'key:a/user:b' }\n");
        assertThat(messages()).anySatisfy(p -> assertThat(p).contains("identity.api_keys[0].subject: must not contain"));
    }
}
