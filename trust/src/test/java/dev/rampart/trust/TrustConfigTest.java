package dev.rampart.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The identity and trust sections' new keys and rules. */
class TrustConfigTest {

    private static TrustConfig.Result issuer(String iss) {
        return TrustConfig.parse(Map.of("jwt", List.of(Map.of("issuer", iss, "audience", "rampart",
                "jwks_file", "/tmp/jwks.json"))), Map.of());
    }

    @Test
    void should_refuse_an_http_issuer_on_a_remote_host() {
        assertThat(issuer("http://idp.example.com").problems())
                .anySatisfy(p -> assertThat(p).startsWith("identity.jwt[0].issuer: must be an https:// URL"));
    }

    @Test
    void should_accept_https_issuers_and_http_on_loopback() {
        assertThat(issuer("https://idp.example.com").problems()).isEmpty();
        assertThat(issuer("http://127.0.0.1:8080").problems()).isEmpty();
        assertThat(issuer("http://localhost:8080").problems()).isEmpty();
    }

    @Test
    void should_read_the_store_timeout_and_the_sub_subject_cap_with_their_defaults() {
        TrustConfig defaults = TrustConfig.parse(Map.of(), Map.of()).config();
        assertThat(defaults.readTimeout().toMillis()).isEqualTo(100);
        assertThat(defaults.maxSubSubjects()).isEqualTo(1000);
        TrustConfig set = TrustConfig.parse(Map.of(), Map.of("read_timeout_ms", 250, "max_sub_subjects", 5)).config();
        assertThat(set.readTimeout().toMillis()).isEqualTo(250);
        assertThat(set.maxSubSubjects()).isEqualTo(5);
        assertThat(TrustConfig.parse(Map.of(), Map.of("read_timeout_ms", 0)).problems())
                .containsExactly("trust.read_timeout_ms: must be a whole number between 1 and 10000, but was 0");
    }

    @Test
    void should_refuse_a_key_subject_that_looks_like_a_sub_subject() {
        assertThat(TrustConfig.parse(Map.of("api_keys", List.of(Map.of("id", "k", "sha256", "0".repeat(64),
                "subject", "key:a/user:b"))), Map.of()).problems())
                .anySatisfy(p -> assertThat(p).startsWith("identity.api_keys[0].subject: must not contain"));
    }
}
