package dev.rampart.classifier.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.classifier.ClassificationInput;
import dev.rampart.classifier.TestClock;
import dev.rampart.policy.ClassifierScores;
import dev.rampart.policy.ClassifierStatus;
import dev.rampart.policy.Direction;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** {@link ResilientScorer} around a classifier whose calls the test completes by hand: no sleeping. */
class ResilientClassifierTest {
    private static final ClassificationInput INPUT = ClassificationInput.of(Direction.PROMPT, "secret text 123");
    private final ControlledClassifier delegate = new ControlledClassifier();
    private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));

    private ResilientScorer.OfClassifier resilient(ResilienceSettings settings) {
        return ResilientScorer.classifier(delegate, List.of("S1"), settings, clock);
    }

    private static CompletableFuture<ClassifierScores> call(ResilientScorer.OfClassifier c) {
        return c.classify(INPUT).toCompletableFuture();
    }

    @Test
    void should_pass_results_through() {
        ResilientScorer.OfClassifier c = resilient(ResilienceSettings.DEFAULTS);
        CompletableFuture<ClassifierScores> f = call(c);
        delegate.pending.get(0).complete(ControlledClassifier.ok(0.7));
        assertThat(f.join().scores()).containsEntry("S1", 0.7);
        assertThat(c.name()).isEqualTo("controlled");
    }

    @Test
    void should_refuse_calls_beyond_the_bulkhead_at_once() {
        ResilientScorer.OfClassifier c = resilient(new ResilienceSettings(Duration.ofSeconds(5), 2, 50, 10, 10,
                Duration.ofSeconds(10)));
        CompletableFuture<ClassifierScores> a = call(c);
        CompletableFuture<ClassifierScores> b = call(c);
        ClassifierScores refused = call(c).join();
        assertThat(refused.status()).isEqualTo(ClassifierStatus.ERROR);
        assertThat(refused.error()).isEqualTo("too many concurrent calls (max_concurrent 2)");
        assertThat(refused.covers()).containsExactly("S1");
        assertThat(delegate.pending).hasSize(2);
        delegate.pending.get(0).complete(ControlledClassifier.ok(0.1));
        assertThat(a.join().status()).isEqualTo(ClassifierStatus.OK);
        CompletableFuture<ClassifierScores> d = call(c);
        assertThat(delegate.pending).hasSize(3);
        delegate.pending.forEach(p -> p.complete(ControlledClassifier.ok(0.1)));
        assertThat(b.join().status()).isEqualTo(ClassifierStatus.OK);
        assertThat(d.join().status()).isEqualTo(ClassifierStatus.OK);
        assertThat(c.availableConcurrentCalls()).isEqualTo(2);
    }

    @Test
    void should_turn_exceptions_and_failed_stages_into_error_values_without_text() {
        ResilientScorer.OfClassifier c = resilient(ResilienceSettings.DEFAULTS);
        CompletableFuture<ClassifierScores> f = call(c);
        delegate.pending.get(0).completeExceptionally(new IllegalStateException("secret text 123"));
        assertThat(f.join().error()).isEqualTo("failed: IllegalStateException");
        delegate.throwOnCall = new IllegalArgumentException("secret text 123");
        ClassifierScores thrown = call(c).join();
        assertThat(thrown.status()).isEqualTo(ClassifierStatus.ERROR);
        assertThat(thrown.error()).isEqualTo("failed: IllegalArgumentException");
    }

    @Test
    void should_time_out_a_late_call_and_end_it() {
        ResilientScorer.OfClassifier c = resilient(ResilienceSettings.DEFAULTS.withTimeout(Duration.ofMillis(50)));
        ClassifierScores s = call(c).join();
        assertThat(s.error()).isEqualTo("timed out after 50 ms");
        assertThat(delegate.pending.get(0)).isCompletedExceptionally();
    }

    @Test
    void should_open_on_error_values_and_let_a_trial_through_after_the_open_duration() {
        ResilientScorer.OfClassifier c = resilient(new ResilienceSettings(Duration.ofSeconds(5), 8, 50, 4, 4,
                Duration.ofSeconds(20)));
        for (int i = 0; i < 4; i++) {
            CompletableFuture<ClassifierScores> f = call(c);
            delegate.pending.get(i).complete(ControlledClassifier.error());
            assertThat(f.join().error()).isEqualTo("model failed");
        }
        assertThat(c.circuitState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(call(c).join().error()).isEqualTo("circuit breaker open");
        assertThat(delegate.pending).hasSize(4);
        clock.advance(Duration.ofSeconds(19));
        assertThat(call(c).join().error()).isEqualTo("circuit breaker open");
        clock.advance(Duration.ofSeconds(2));
        CompletableFuture<ClassifierScores> trial = call(c);
        assertThat(delegate.pending).hasSize(5);
        delegate.pending.get(4).complete(ControlledClassifier.ok(0.2));
        assertThat(trial.join().status()).isEqualTo(ClassifierStatus.OK);
        assertThat(c.circuitState()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
    }

    @Test
    void should_close_the_delegate_once_and_refuse_calls_afterwards() {
        ResilientScorer.OfClassifier c = resilient(ResilienceSettings.DEFAULTS);
        c.close();
        c.close();
        assertThat(delegate.closes.get()).isEqualTo(1);
        assertThat(call(c).join().error()).isEqualTo("classifier is closed");
        assertThat(c.ready()).isFalse();
    }
}
