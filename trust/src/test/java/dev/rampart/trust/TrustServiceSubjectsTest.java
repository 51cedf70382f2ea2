package dev.rampart.trust;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.rampart.trust.identity.AuthorityMapping;
import dev.rampart.trust.model.Interaction;
import dev.rampart.trust.model.Outcome;
import dev.rampart.trust.model.TrustModel;
import dev.rampart.trust.model.TrustModelConfig;
import dev.rampart.trust.store.EmbeddedTrustStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** History and overrides at the principal's level, per-user sub-histories that can only make a caller stricter. */
class TrustServiceSubjectsTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Map<String, String> CLINICIAN = Map.of("role", "clinician");

    @TempDir
    Path dir;
    TrustService service;

    @BeforeEach
    void open() {
        Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
        service = new TrustService(new EmbeddedTrustStore(dir.resolve("trust.mv.db"), 100, clock),
                new TrustModel(TrustModelConfig.DEFAULTS), AuthorityMapping.DEFAULTS, clock, Duration.ZERO,
                Ticker.systemTicker(), Duration.ofSeconds(5), 2);
    }

    @AfterEach
    void close() {
        service.close();
    }

    private static Caller clinic(String user) {
        return new Caller("key:clinic-app", "clinic", "clinic-app", CLINICIAN, false, Subjects.sanitize(user));
    }

    private TrustAssessment assess(Caller c) {
        return service.assess(c).toCompletableFuture().join();
    }

    private void block(Caller c, String id) {
        service.record(c, new Interaction(id, T0, Outcome.BLOCKED, 1.0, List.of("S9"))).toCompletableFuture().join();
    }

    @Test
    void should_keep_a_users_sanctions_when_it_sends_a_fresh_user_string_or_none() {
        assertThat(assess(clinic("alice")).tier()).isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            block(clinic("alice"), "b" + i);
        }
        assertThat(assess(clinic("alice")).tier()).isZero();
        assertThat(assess(clinic("alice-2")).tier()).as("a fresh user string").isZero();
        assertThat(assess(clinic(null)).tier()).as("no user at all").isZero();
    }

    @Test
    void should_apply_an_override_of_the_principal_to_every_user() {
        service.overrideAuthority("key:clinic-app", 0.0).toCompletableFuture().join();
        assertThat(assess(clinic("zed")).tier()).isEqualTo(assess(clinic(null)).tier());
        assertThat(assess(clinic("zed")).authority()).isZero();
    }

    @Test
    void should_let_an_override_of_a_user_make_it_stricter_but_never_laxer() {
        service.overrideAuthority("key:clinic-app/user:mallory", 0.0).toCompletableFuture().join();
        assertThat(assess(clinic("mallory")).tier()).isLessThan(assess(clinic("bob")).tier());
        service.overrideAuthority("key:clinic-app", 0.0).toCompletableFuture().join();
        service.overrideAuthority("key:clinic-app/user:bob", 1.0).toCompletableFuture().join();
        assertThat(assess(clinic("bob")).score()).isEqualTo(assess(clinic(null)).score());
    }

    @Test
    void should_keep_a_bad_users_own_history_stricter_than_its_keys() {
        for (int i = 0; i < 5; i++) {
            service.record(clinic("bob"), new Interaction("c" + i, T0, Outcome.CLEAN, 0, List.of()))
                    .toCompletableFuture().join();
        }
        block(clinic("eve"), "e1");
        assertThat(assess(clinic("eve")).score()).isLessThan(assess(clinic("bob")).score());
    }

    @Test
    void should_stop_keeping_sub_histories_beyond_the_cap_but_still_count_against_the_key() {
        block(clinic("u1"), "x1");
        block(clinic("u2"), "x2");
        block(clinic("u3"), "x3");
        TrustService.TrustExplanation key = service.explain("key:clinic-app", CLINICIAN).toCompletableFuture().join();
        assertThat(key.subSubjects()).containsExactly("key:clinic-app/user:u1", "key:clinic-app/user:u2");
        assertThat(key.principal().evidence().violations()).isEqualTo(3);
        TrustService.TrustExplanation u3 = service.explain("key:clinic-app/user:u3", CLINICIAN)
                .toCompletableFuture().join();
        assertThat(u3.sub().evidence().events()).isZero();
        assertThat(u3.assessment().tier()).as("the key's violations still apply").isZero();
    }

    @Test
    void should_explain_a_sub_subject_with_its_principals_authority() {
        TrustService.TrustExplanation e = service.explain("key:clinic-app/user:zed", CLINICIAN)
                .toCompletableFuture().join();
        assertThat(e.sub().assessment().authority()).isEqualTo(1.0);
        assertThat(e.principal().assessment().authority()).isEqualTo(1.0);
        assertThat(e.assessment().tier()).isEqualTo(3);
    }

    @Test
    void should_forget_a_principal_with_all_its_sub_subjects() {
        block(clinic("a"), "f1");
        block(clinic("b"), "f2");
        service.forget("key:clinic-app").toCompletableFuture().join();
        for (String subject : List.of("key:clinic-app", "key:clinic-app/user:a", "key:clinic-app/user:b")) {
            TrustService.TrustExplanation e = service.explain(subject, CLINICIAN).toCompletableFuture().join();
            assertThat(e.principal().evidence().events()).as(subject).isZero();
            assertThat(e.sub() == null ? 0 : e.sub().evidence().events()).as(subject).isZero();
        }
        assertThat(service.explain("key:clinic-app", CLINICIAN).toCompletableFuture().join().subSubjects()).isEmpty();
    }
}
