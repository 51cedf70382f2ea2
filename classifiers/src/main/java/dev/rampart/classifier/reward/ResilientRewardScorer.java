package dev.rampart.classifier.reward;

import dev.rampart.classifier.runtime.ResilienceGuard;
import dev.rampart.classifier.runtime.ResilientClassifier;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.timelimiter.TimeLimiter;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Wraps a reward scorer in Resilience4j, as {@link ResilientClassifier} wraps a classifier and with the same
 * {@link ResilientClassifier.Settings}: a {@link Bulkhead} (at most {@code maxConcurrent} calls in flight; one more is
 * refused at once), a {@link CircuitBreaker} (count-based window, open state measured on the injected clock) and a
 * {@link TimeLimiter} (the late call's future is cancelled, so the delegate can abort its exchange).
 *
 * <p>Every failure — refusal, open breaker, timeout, exception, exceptionally completed stage — becomes
 * {@link RewardScores#unscored} naming the cause without any text; the returned stage always completes normally. An
 * {@code UNSCORED} value from the delegate counts as a breaker failure too. Every result carries its latency, measured
 * on the clock.
 */
public final class ResilientRewardScorer implements RewardScorer {
    private final RewardScorer delegate;
    private final Clock clock;
    private final ResilienceGuard guard;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param delegate the scorer to protect; its {@link RewardScorer#name()} names the results
     * @param settings timeout, bulkhead and circuit breaker limits
     * @param clock    the clock the breaker's open state and the latencies are measured on
     */
    public ResilientRewardScorer(RewardScorer delegate, ResilientClassifier.Settings settings, Clock clock) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.guard = new ResilienceGuard(delegate.name(), settings, clock, HttpTimeoutException.class::isInstance);
    }

    @Override
    public String name() {
        return delegate.name();
    }

    /** The circuit breaker's state, for health and metrics. */
    public CircuitBreaker.State circuitState() {
        return guard.circuitState();
    }

    /** Calls currently allowed to start before the bulkhead refuses. */
    public int availableConcurrentCalls() {
        return guard.availableConcurrentCalls();
    }

    /**
     * Ready until closed. An open breaker does not make the scorer unready: its calls answer {@code UNSCORED} at once,
     * and a reward model outage should not take every gateway replica out of service.
     */
    @Override
    public boolean ready() {
        return !closed.get() && delegate.ready();
    }

    @Override
    public CompletionStage<RewardScores> score(RewardInput input) {
        if (closed.get()) {
            return CompletableFuture.completedFuture(refused("scorer is closed"));
        }
        long start = clock.millis();
        return guard.run(() -> delegate.score(input),
                scores -> scores.isScored() ? null : String.valueOf(scores.error()),
                this::refused, this::unscored,
                scores -> scores.withLatency(Duration.ofMillis(Math.max(0, clock.millis() - start))));
    }

    private RewardScores refused(String reason) {
        return unscored(reason).withLatency(Duration.ZERO);
    }

    private RewardScores unscored(String reason) {
        return RewardScores.unscored(delegate.name(), reason);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            delegate.close();
        }
    }
}
