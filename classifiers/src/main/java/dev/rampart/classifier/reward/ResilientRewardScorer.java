package dev.rampart.classifier.reward;

import dev.rampart.classifier.runtime.ResilientClassifier;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
    /** One daemon timer thread for every instance's timeouts: it only completes futures, never scores. */
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rampart-reward-timeouts");
        t.setDaemon(true);
        return t;
    });

    private final RewardScorer delegate;
    private final ResilientClassifier.Settings settings;
    private final Clock clock;
    private final Bulkhead bulkhead;
    private final CircuitBreaker breaker;
    private final TimeLimiter limiter;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param delegate the scorer to protect; its {@link RewardScorer#name()} names the results
     * @param settings timeout, bulkhead and circuit breaker limits
     * @param clock    the clock the breaker's open state and the latencies are measured on
     */
    public ResilientRewardScorer(RewardScorer delegate, ResilientClassifier.Settings settings, Clock clock) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        String name = delegate.name();
        this.bulkhead = Bulkhead.of(name, BulkheadConfig.custom()
                .maxConcurrentCalls(settings.maxConcurrent())
                .maxWaitDuration(Duration.ZERO)
                .build());
        this.breaker = CircuitBreaker.of(name, CircuitBreakerConfig.custom()
                .failureRateThreshold(settings.failureRateThreshold())
                .slidingWindow(settings.slidingWindow(), settings.minimumCalls(),
                        CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .waitDurationInOpenState(settings.openDuration())
                .permittedNumberOfCallsInHalfOpenState(Math.max(1, Math.min(5, settings.minimumCalls())))
                .clock(clock)
                .build());
        this.limiter = TimeLimiter.of(TimeLimiterConfig.custom()
                .timeoutDuration(settings.timeout())
                .cancelRunningFuture(true)
                .build());
    }

    @Override
    public String name() {
        return delegate.name();
    }

    /** The circuit breaker's state, for health and metrics. */
    public CircuitBreaker.State circuitState() {
        return breaker.getState();
    }

    /** Calls currently allowed to start before the bulkhead refuses. */
    public int availableConcurrentCalls() {
        return bulkhead.getMetrics().getAvailableConcurrentCalls();
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
            return refused("scorer is closed");
        }
        if (!bulkhead.tryAcquirePermission()) {
            return refused("too many concurrent calls (max_concurrent " + settings.maxConcurrent() + ")");
        }
        if (!breaker.tryAcquirePermission()) {
            bulkhead.onComplete();
            return refused("circuit breaker open");
        }
        long start = clock.millis();
        long breakerStart = breaker.getCurrentTimestamp();
        CompletableFuture<RewardScores> call;
        try {
            call = delegate.score(input).toCompletableFuture();
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<RewardScores> inner = call;
        CompletionStage<RewardScores> stage = limiter.executeCompletionStage(TIMER, () -> inner);
        return stage.handle((scores, failure) -> {
            bulkhead.onComplete();
            long took = breaker.getCurrentTimestamp() - breakerStart;
            TimeUnit unit = breaker.getTimestampUnit();
            Duration latency = Duration.ofMillis(Math.max(0, clock.millis() - start));
            if (failure == null && scores != null && scores.isScored()) {
                breaker.onSuccess(took, unit);
                return scores.withLatency(latency);
            }
            if (failure == null && scores != null) {
                breaker.onError(took, unit, new Unscored(scores.error()));
                return scores.withLatency(latency);
            }
            Throwable cause = unwrap(failure);
            breaker.onError(took, unit, cause == null ? new Unscored("no result") : cause);
            if (cause instanceof TimeoutException || cause instanceof HttpTimeoutException) {
                // the time limiter completed the late call with the TimeoutException; make sure it is ended
                inner.cancel(true);
                return unscored("timed out after " + settings.timeout().toMillis() + " ms").withLatency(latency);
            }
            String reason = cause == null ? "failed: no result" : "failed: " + cause.getClass().getSimpleName();
            return unscored(reason).withLatency(latency);
        });
    }

    private CompletionStage<RewardScores> refused(String reason) {
        return CompletableFuture.completedFuture(unscored(reason).withLatency(Duration.ZERO));
    }

    private RewardScores unscored(String reason) {
        return RewardScores.unscored(delegate.name(), reason);
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while (c instanceof CompletionException && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            delegate.close();
        }
    }

    /** An {@code UNSCORED} value from the delegate, as the breaker records it. */
    private static final class Unscored extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unscored(String message) {
            super(message, null, false, false);
        }
    }
}
