package dev.rampart.classifier.runtime;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
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
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The Resilience4j protection shared by {@link ResilientClassifier} and the reward scorers' wrapper: a
 * {@link Bulkhead} (refuses at once when full), a count-based {@link CircuitBreaker} on the injected clock, and a
 * {@link TimeLimiter} that completes and cancels a late call. Results are values of the caller's type: a refusal or a
 * failure becomes one through the caller's functions, and a result value the caller calls failed counts as a breaker
 * failure. The returned stage always completes normally.
 */
public final class ResilienceGuard {
    /** One daemon timer thread for every guard's timeouts: it only completes futures, never runs calls. */
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rampart-resilience-timeouts");
        t.setDaemon(true);
        return t;
    });

    private final ResilientClassifier.Settings settings;
    private final Bulkhead bulkhead;
    private final CircuitBreaker breaker;
    private final TimeLimiter limiter;
    private final Predicate<Throwable> timedOut;

    /**
     * @param name     names the bulkhead and breaker
     * @param settings limits
     * @param clock    the clock the breaker's open state is measured on
     * @param timedOut which failures of a call count as its timeout (besides the time limiter's own)
     */
    public ResilienceGuard(String name, ResilientClassifier.Settings settings, Clock clock, Predicate<Throwable> timedOut) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.timedOut = Objects.requireNonNull(timedOut, "timedOut");
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
                .clock(Objects.requireNonNull(clock, "clock"))
                .build());
        this.limiter = TimeLimiter.of(TimeLimiterConfig.custom()
                .timeoutDuration(settings.timeout())
                .cancelRunningFuture(true)
                .build());
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
     * Runs one call under the bulkhead, breaker and time limit.
     *
     * @param call       starts the call (a throw counts as a failed call)
     * @param failedWith the failure message of a result value that is a failure, or null when the result is a success
     * @param refused    the value for a call refused before it started (full bulkhead, open breaker)
     * @param failed     the value for a call that failed or timed out
     * @param finish     applied to every result of a call that ran (success or failure), e.g. to add its latency
     */
    public <T> CompletionStage<T> run(Supplier<CompletionStage<T>> call, Function<T, String> failedWith,
                                      Function<String, T> refused, Function<String, T> failed, UnaryOperator<T> finish) {
        if (!bulkhead.tryAcquirePermission()) {
            return CompletableFuture.completedFuture(
                    refused.apply("too many concurrent calls (max_concurrent " + settings.maxConcurrent() + ")"));
        }
        if (!breaker.tryAcquirePermission()) {
            bulkhead.onComplete();
            return CompletableFuture.completedFuture(refused.apply("circuit breaker open"));
        }
        long start = breaker.getCurrentTimestamp();
        CompletableFuture<T> started;
        try {
            started = call.get().toCompletableFuture();
        } catch (RuntimeException e) {
            started = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<T> inner = started;
        return limiter.executeCompletionStage(TIMER, () -> inner).handle((result, failure) -> {
            bulkhead.onComplete();
            long took = breaker.getCurrentTimestamp() - start;
            TimeUnit unit = breaker.getTimestampUnit();
            if (failure == null && result != null) {
                String message = failedWith.apply(result);
                if (message == null) {
                    breaker.onSuccess(took, unit);
                } else {
                    breaker.onError(took, unit, new FailedResult(message));
                }
                return finish.apply(result);
            }
            Throwable cause = unwrap(failure);
            breaker.onError(took, unit, cause == null ? new FailedResult("no result") : cause);
            if (cause instanceof TimeoutException || (cause != null && timedOut.test(cause))) {
                // the time limiter completed the late call with the TimeoutException; make sure it is ended
                inner.cancel(true);
                return finish.apply(failed.apply("timed out after " + settings.timeout().toMillis() + " ms"));
            }
            return finish.apply(failed.apply("failed: " + (cause == null ? "no result" : cause.getClass().getSimpleName())));
        });
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while (c instanceof CompletionException && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    /** A result value that is a failure (an {@code ERROR} or {@code UNSCORED} value), as the breaker records it. */
    private static final class FailedResult extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FailedResult(String message) {
            super(message, null, false, false);
        }
    }
}
