package dev.rampart.classifier.reward;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.classifier.ControlledScorer;
import dev.rampart.classifier.TestClock;
import dev.rampart.classifier.runtime.ResilienceSettings;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The resilience wrapper driven by a scorer whose calls the test completes by hand: no HTTP, no sleeping. */
class ResilientRewardScorerTest {
    private static final RewardInput INPUT = RewardInput.of("prompt text", "response text");
    private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));

    /** A {@link ControlledScorer} that is a reward scorer. */
    private static final class Controlled extends ControlledScorer<RewardInput, RewardScores> implements RewardScorer {
    }

    private static RewardScores scored(double reward) {
        return RewardScores.scored("controlled", Map.of("reward", reward));
    }

    private RewardScorer.Resilient wrap(Controlled delegate, int maxConcurrent, int window) {
        return RewardScorer.resilient(delegate, new ResilienceSettings(Duration.ofSeconds(30),
                maxConcurrent, 50, window, window, Duration.ofSeconds(10)), clock);
    }

    @Test
    void should_pass_scores_through_with_their_latency_on_the_clock() {
        Controlled delegate = new Controlled();
        RewardScorer.Resilient s = wrap(delegate, 4, 10);
        CompletableFuture<RewardScores> call = s.score(INPUT).toCompletableFuture();
        clock.advance(Duration.ofMillis(120));
        delegate.pending.get(0).complete(scored(-3.2));
        RewardScores r = call.join();
        assertThat(r.attributes()).containsEntry("reward", -3.2);
        assertThat(r.latency()).isEqualTo(Duration.ofMillis(120));
    }

    @Test
    void should_refuse_a_call_beyond_the_bulkhead_and_free_the_slot_when_one_ends() {
        Controlled delegate = new Controlled();
        RewardScorer.Resilient s = wrap(delegate, 2, 10);
        CompletableFuture<RewardScores> a = s.score(INPUT).toCompletableFuture();
        CompletableFuture<RewardScores> b = s.score(INPUT).toCompletableFuture();
        RewardScores refused = s.score(INPUT).toCompletableFuture().join();
        assertThat(refused.error()).isEqualTo("too many concurrent calls (max_concurrent 2)");
        assertThat(delegate.pending).hasSize(2);
        delegate.pending.get(0).complete(scored(1.0));
        assertThat(a.join().isScored()).isTrue();
        assertThat(s.availableConcurrentCalls()).isEqualTo(1);
        s.score(INPUT);
        assertThat(delegate.pending).hasSize(3);
        assertThat(b.isDone()).isFalse();
    }

    @Test
    void should_turn_exceptions_into_unscored_values() {
        Controlled delegate = new Controlled();
        RewardScorer.Resilient s = wrap(delegate, 4, 10);
        CompletableFuture<RewardScores> call = s.score(INPUT).toCompletableFuture();
        delegate.pending.get(0).completeExceptionally(new IllegalStateException("response text leaked"));
        assertThat(call.join().error()).isEqualTo("failed: IllegalStateException");

        delegate.throwOnCall = new UnsupportedOperationException("prompt text leaked");
        RewardScores r = s.score(INPUT).toCompletableFuture().join();
        assertThat(r.error()).isEqualTo("failed: UnsupportedOperationException");
        assertThat(s.availableConcurrentCalls()).isEqualTo(4);
    }

    @Test
    void should_open_on_unscored_values_and_let_a_trial_through_after_the_open_duration() {
        Controlled delegate = new Controlled();
        RewardScorer.Resilient s = wrap(delegate, 4, 2);
        for (int i = 0; i < 2; i++) {
            CompletableFuture<RewardScores> call = s.score(INPUT).toCompletableFuture();
            delegate.pending.get(i).complete(RewardScores.unscored("controlled", "malformed reply: not JSON"));
            assertThat(call.join().error()).isEqualTo("malformed reply: not JSON");
        }
        assertThat(s.circuitState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(s.score(INPUT).toCompletableFuture().join().error()).isEqualTo("circuit breaker open");
        assertThat(delegate.pending).hasSize(2);
        clock.advance(Duration.ofSeconds(11));
        CompletableFuture<RewardScores> trial = s.score(INPUT).toCompletableFuture();
        assertThat(delegate.pending).hasSize(3);
        delegate.pending.get(2).complete(scored(0.5));
        assertThat(trial.join().isScored()).isTrue();
    }

    @Test
    void should_close_the_delegate_once_and_refuse_afterwards() {
        Controlled delegate = new Controlled();
        RewardScorer.Resilient s = wrap(delegate, 4, 10);
        s.close();
        s.close();
        assertThat(delegate.closes).hasValue(1);
        assertThat(s.ready()).isFalse();
        assertThat(s.score(INPUT).toCompletableFuture().join().error()).isEqualTo("scorer is closed");
        assertThat(delegate.pending).isEmpty();
    }
}
