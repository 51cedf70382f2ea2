package dev.rampart.trust.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.trust.model.Evidence;
import dev.rampart.trust.model.Interaction;
import dev.rampart.trust.model.Outcome;
import dev.rampart.trust.model.TrustModel;
import dev.rampart.trust.model.TrustModelConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract every {@link TrustStore} honours, run once per implementation by a subclass. */
public abstract class TrustStoreContract {
    protected static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    protected final TrustModel model = new TrustModel(TrustModelConfig.DEFAULTS);
    protected TrustStore store;

    protected abstract TrustStore create() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = create();
    }

    @AfterEach
    void close() {
        store.close();
    }

    static Interaction violation(String id, Instant at) {
        return new Interaction(id, at, Outcome.BLOCKED, 1.0, List.of("S1"));
    }

    @Test
    void should_return_no_evidence_for_a_stranger() {
        Evidence e = store.read("nobody").toCompletableFuture().join();
        assertThat(e.events()).isZero();
        assertThat(e.positive()).isZero();
        assertThat(e.negative()).isZero();
    }

    @Test
    void should_count_every_concurrent_violation_exactly_once() {
        List<CompletableFuture<Evidence>> writes = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            writes.add(store.record("alice", violation("v" + i, T0), model).toCompletableFuture());
        }
        writes.forEach(CompletableFuture::join);
        Evidence e = store.read("alice").toCompletableFuture().join();
        assertThat(e.violations()).isEqualTo(200);
        assertThat(e.events()).isEqualTo(200);
    }

    @Test
    void should_count_a_retried_event_once() {
        store.record("bob", violation("same", T0), model).toCompletableFuture().join();
        store.record("bob", violation("same", T0), model).toCompletableFuture().join();
        assertThat(store.read("bob").toCompletableFuture().join().violations()).isEqualTo(1);
    }

    @Test
    void should_list_recent_events_newest_first() {
        for (int i = 0; i < 5; i++) {
            store.record("carol", new Interaction("c" + i, T0.plusSeconds(i), Outcome.CLEAN, 0, List.of()), model)
                    .toCompletableFuture().join();
        }
        assertThat(store.recent("carol", 3).toCompletableFuture().join())
                .extracting(Interaction::eventId).containsExactly("c4", "c3", "c2");
    }

    @Test
    void should_forget_a_subject_entirely() {
        store.record("dave", violation("d1", T0), model).toCompletableFuture().join();
        store.forget("dave").toCompletableFuture().join();
        assertThat(store.read("dave").toCompletableFuture().join().events()).isZero();
        assertThat(store.recent("dave", 10).toCompletableFuture().join()).isEmpty();
    }

    @Test
    void should_keep_subjects_apart() {
        store.record("erin", violation("x", T0), model).toCompletableFuture().join();
        assertThat(store.read("frank").toCompletableFuture().join().violations()).isZero();
    }

    @Test
    void should_store_and_erase_authority_overrides() {
        assertThat(store.readOverride("hana").toCompletableFuture().join()).isEmpty();
        store.writeOverride("hana", 0.9).toCompletableFuture().join();
        assertThat(store.readOverride("hana").toCompletableFuture().join()).contains(0.9);
        store.writeOverride("hana", null).toCompletableFuture().join();
        assertThat(store.readOverride("hana").toCompletableFuture().join()).isEmpty();
        store.writeOverride("hana", 0.4).toCompletableFuture().join();
        store.forget("hana").toCompletableFuture().join();
        assertThat(store.readOverride("hana").toCompletableFuture().join()).isEmpty();
    }

    @Test
    void should_keep_at_most_the_cap_of_sub_subjects_per_principal() {
        assertThat(store.addSubSubject("key:k", "key:k/user:a", 2).toCompletableFuture().join()).isTrue();
        assertThat(store.addSubSubject("key:k", "key:k/user:b", 2).toCompletableFuture().join()).isTrue();
        assertThat(store.addSubSubject("key:k", "key:k/user:a", 2).toCompletableFuture().join())
                .as("already listed").isTrue();
        assertThat(store.addSubSubject("key:k", "key:k/user:c", 2).toCompletableFuture().join())
                .as("beyond the cap").isFalse();
        assertThat(store.subSubjects("key:k").toCompletableFuture().join())
                .containsExactlyInAnyOrder("key:k/user:a", "key:k/user:b");
        store.removeSubSubject("key:k", "key:k/user:a").toCompletableFuture().join();
        assertThat(store.subSubjects("key:k").toCompletableFuture().join()).containsExactly("key:k/user:b");
    }

    @Test
    void should_forget_a_principals_list_of_sub_subjects_with_it() {
        store.addSubSubject("key:gone", "key:gone/user:a", 10).toCompletableFuture().join();
        store.forget("key:gone").toCompletableFuture().join();
        assertThat(store.subSubjects("key:gone").toCompletableFuture().join()).isEmpty();
    }
}
