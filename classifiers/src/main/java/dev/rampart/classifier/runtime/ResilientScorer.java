package dev.rampart.classifier.runtime;

import dev.rampart.classifier.ClassificationInput;
import dev.rampart.classifier.Classifier;
import dev.rampart.classifier.Scorer;
import dev.rampart.policy.ClassifierScores;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
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
 * Wraps any {@link Scorer} — a classifier or a reward scorer — in Resilience4j: a {@link Bulkhead} (at most
 * {@code maxConcurrent} calls in flight; one more is refused at once), a count-based {@link CircuitBreaker} (opens when
 * the failure rate over the last {@code slidingWindow} calls reaches {@code failureRateThreshold} percent, after at
 * least {@code minimumCalls}; stays open for {@code openDuration}, measured on the injected clock) and a
 * {@link TimeLimiter} ({@code timeout}; the late call's future is completed with a {@link TimeoutException} and
 * cancelled, so the delegate can abort its exchange). An {@link HttpTimeoutException} of the call counts as the same
 * timeout.
 *
 * <p>Every failure — refusal, open breaker, timeout, exception, exceptionally completed stage — becomes a value through
 * the family's {@link Outcomes}, naming the cause without any text; the returned stage always completes normally. A
 * failed value from the delegate ({@link Outcomes#failure}) counts as a breaker failure too. Every result passes
 * through {@link Outcomes#measured} with its latency on the clock (zero for a refusal).
 *
 * <p>Ready until closed: an open breaker does not unready it — its calls answer a failure at once and the policy
 * decides, and a remote outage should not take every gateway replica out of service. Watch {@link #circuitState()}.
 *
 * @param <I> what is scored
 * @param <R> the result
 */
public class ResilientScorer<I, R> implements Scorer<I, R> {
    /** One daemon timer thread for every wrapper's timeouts: it only completes futures, never runs calls. */
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rampart-resilience-timeouts");
        t.setDaemon(true);
        return t;
    });

    private final Scorer<I, R> delegate;
    private final Outcomes<R> outcomes;
    private final ResilienceSettings settings;
    private final Clock clock;
    private final Bulkhead bulkhead;
    private final CircuitBreaker breaker;
    private final TimeLimiter limiter;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param delegate the scorer to protect; its name names the bulkhead and breaker
     * @param outcomes how failures become values of {@code R}
     * @param settings timeout, bulkhead and circuit breaker limits
     * @param clock    the clock the breaker's open state and the latencies are measured on
     */
    public ResilientScorer(Scorer<I, R> delegate, Outcomes<R> outcomes, ResilienceSettings settings, Clock clock) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.outcomes = Objects.requireNonNull(outcomes, "outcomes");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.bulkhead = Bulkhead.of(delegate.name(), BulkheadConfig.custom()
                .maxConcurrentCalls(settings.maxConcurrent())
                .maxWaitDuration(Duration.ZERO)
                .build());
        this.breaker = CircuitBreaker.of(delegate.name(), CircuitBreakerConfig.custom()
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

    /**
     * A classifier wrapped: error values are {@link ClassifierScores#error} covering {@code covers}, so the policy's
     * {@code on_error} applies to them.
     */
    public static OfClassifier classifier(Classifier delegate, List<String> covers, ResilienceSettings settings,
                                          Clock clock) {
        return new OfClassifier(delegate, covers, settings, clock);
    }

    @Override
    public String name() {
        return delegate.name();
    }

    /** The limits in force. */
    public ResilienceSettings settings() {
        return settings;
    }

    /** The circuit breaker's state, for health and metrics. */
    public CircuitBreaker.State circuitState() {
        return breaker.getState();
    }

    /** Calls currently allowed to start before the bulkhead refuses. */
    public int availableConcurrentCalls() {
        return bulkhead.getMetrics().getAvailableConcurrentCalls();
    }

    @Override
    public boolean ready() {
        return !closed.get() && delegate.ready();
    }

    @Override
    public CompletionStage<R> score(I input) {
        if (closed.get()) {
            return refused(outcomes.closed());
        }
        if (!bulkhead.tryAcquirePermission()) {
            return refused(outcomes.failed("too many concurrent calls (max_concurrent " + settings.maxConcurrent() + ")"));
        }
        if (!breaker.tryAcquirePermission()) {
            bulkhead.onComplete();
            return refused(outcomes.failed("circuit breaker open"));
        }
        long startMillis = clock.millis();
        long start = breaker.getCurrentTimestamp();
        CompletableFuture<R> started;
        try {
            started = delegate.score(input).toCompletableFuture();
        } catch (RuntimeException e) {
            started = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<R> inner = started;
        return limiter.executeCompletionStage(TIMER, () -> inner).handle((result, failure) -> {
            bulkhead.onComplete();
            long took = breaker.getCurrentTimestamp() - start;
            TimeUnit unit = breaker.getTimestampUnit();
            R value;
            if (failure == null && result != null) {
                String message = outcomes.failure(result);
                if (message == null) {
                    breaker.onSuccess(took, unit);
                } else {
                    breaker.onError(took, unit, new FailedResult(message));
                }
                value = result;
            } else {
                Throwable cause = unwrap(failure);
                breaker.onError(took, unit, cause == null ? new FailedResult("no result") : cause);
                if (cause instanceof TimeoutException || cause instanceof HttpTimeoutException) {
                    // the time limiter completed the late call with the TimeoutException; make sure it is ended
                    inner.cancel(true);
                    value = outcomes.failed("timed out after " + settings.timeout().toMillis() + " ms");
                } else {
                    value = outcomes.failed("failed: " + (cause == null ? "no result" : cause.getClass().getSimpleName()));
                }
            }
            return outcomes.measured(value, Duration.ofMillis(Math.max(0, clock.millis() - startMillis)));
        });
    }

    private CompletionStage<R> refused(R value) {
        return CompletableFuture.completedFuture(outcomes.measured(value, Duration.ZERO));
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while (c instanceof CompletionException && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    /** Closes the delegate once; later calls answer {@link Outcomes#closed()}. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            delegate.close();
        }
    }

    /** A classifier wrapped in a {@link ResilientScorer}; see {@link #classifier}. */
    public static final class OfClassifier extends ResilientScorer<ClassificationInput, ClassifierScores>
            implements Classifier {
        private final List<String> covers;

        private OfClassifier(Classifier delegate, List<String> covers, ResilienceSettings settings, Clock clock) {
            super(delegate, Outcomes.classifier(delegate.name(), covers), settings, clock);
            this.covers = List.copyOf(covers);
        }

        /** The categories error values carry. */
        public List<String> covers() {
            return covers;
        }

        @Override
        public CompletionStage<ClassifierScores> classify(ClassificationInput input) {
            return score(input);
        }
    }

    /** A result value that is a failure, as the breaker records it: cheap, no stack trace. */
    private static final class FailedResult extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FailedResult(String message) {
            super(message, null, false, false);
        }
    }
}
