package dev.rampart.trust.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.trust.Caller;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiKeyAuthenticatorTest {
    private static String hash(String key) {
        return HexFormat.of().formatHex(ApiKeyAuthenticator.sha256(key));
    }

    private final ApiKeyAuthenticator auth = new ApiKeyAuthenticator(List.of(
            new ApiKey("clinic-app", hash("sk-clinic"), "clinic-app", "clinic", Map.of("role", "clinician")),
            new ApiKey("public-app", hash("sk-public"), "public-app", "default", Map.of())));

    @Test
    void should_treat_everyone_as_anonymous_when_no_key_is_configured() {
        AuthResult r = new ApiKeyAuthenticator(List.of()).authenticate(null, null);
        assertThat(r).isEqualTo(new AuthResult.Authenticated(Caller.ANONYMOUS));
    }

    @Test
    void should_reject_missing_malformed_and_unknown_keys_without_echoing_them() {
        assertThat(auth.authenticate(null, null)).isInstanceOf(AuthResult.Rejected.class);
        assertThat(auth.authenticate("Basic abc", null)).isInstanceOf(AuthResult.Rejected.class);
        AuthResult wrong = auth.authenticate("Bearer sk-guess", null);
        assertThat(wrong).isInstanceOfSatisfying(AuthResult.Rejected.class,
                r -> assertThat(r.message()).doesNotContain("sk-guess"));
    }

    @Test
    void should_map_a_key_to_its_subject_tenant_and_authority() {
        AuthResult r = auth.authenticate("Bearer sk-clinic", null);
        assertThat(r).isInstanceOfSatisfying(AuthResult.Authenticated.class, a -> {
            assertThat(a.caller().subject()).isEqualTo("clinic-app");
            assertThat(a.caller().tenant()).isEqualTo("clinic");
            assertThat(a.caller().keyId()).isEqualTo("clinic-app");
            assertThat(a.caller().authority()).containsEntry("role", "clinician");
            assertThat(a.caller().anonymous()).isFalse();
        });
    }

    @Test
    void should_scope_the_openai_user_field_under_the_key() {
        AuthResult r = auth.authenticate("bearer sk-public", "clinic-app");
        assertThat(((AuthResult.Authenticated) r).caller().subject()).as("history stays with the key")
                .isEqualTo("public-app");
        assertThat(((AuthResult.Authenticated) r).caller().subSubject()).isEqualTo("public-app/user:clinic-app");
    }

    @Test
    void should_map_authority_attributes_to_trust() {
        assertThat(AuthorityMapping.DEFAULTS.authority(Map.of("role", "clinician"))).isEqualTo(1.0);
        assertThat(AuthorityMapping.DEFAULTS.authority(Map.of("verified", "true"))).isEqualTo(0.5);
        assertThat(AuthorityMapping.DEFAULTS.authority(Map.of("trust", "0.7"))).isEqualTo(0.7);
        assertThat(AuthorityMapping.DEFAULTS.authority(Map.of("trust", "7"))).isZero();
        assertThat(AuthorityMapping.DEFAULTS.authority(Map.of())).isZero();
    }
}
