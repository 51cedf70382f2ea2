package dev.rampart.classifier.runtime;

import dev.rampart.classifier.ClassificationInput;
import dev.rampart.classifier.Classifier;
import dev.rampart.policy.ClassifierScores;
import dev.rampart.policy.ClassifierStatus;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
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
 * Wraps a classifier in Resilience4j: a {@link Bulkhead} (at most {@code maxConcurrent} calls in flight; one more is
 * refused at once), a {@link CircuitBreaker} (opens when the failure rate over the last {@code slidingWindow} calls
 * reaches {@code failureRateThreshold} percent, after at least {@code minimumCalls}; stays open for
 * {@code openDuration}, measured on the injected clock) and a {@link TimeLimiter} ({@code timeout}; the late call's future
 * is completed with a {@link TimeoutException}, so the delegate can release what it holds). Every failure — refusal, open breaker, timeout, exception, exceptionally completed stage — becomes a
 * {@link ClassifierScores#error} value naming the cause without any text; the returned stage always completes normally.
 * An {@code ERROR} value from the delegate counts as a breaker failure too.
 */
public final class ResilientClassifier implements Classifier {
    /** One daemon timer thread for every instance's timeouts: it only completes futures, never runs classifiers. */
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rampart-classifier-timeouts");
        t.setDaemon(true);
        return t;
    });

    /**
     * Resilience settings.
     *
     * @param timeout              longest a call may take
     * @param maxConcurrent        most calls in flight (bulkhead)
     * @param failureRateThreshold percentage of failed calls in the window that opens the breaker, in (0, 100]
     * @param slidingWindow        number of recent calls the failure rate is computed over
     * @param minimumCalls         calls needed in the window before the breaker may open
     * @param openDuration         how long the breaker stays open before letting trial calls through
     */
    public record Settings(Duration timeout, int maxConcurrent, int failureRateThreshold, int slidingWindow,
                           int minimumCalls, Duration openDuration) {
        /** Default timeout 2 s, 64 concurrent calls, breaker at 50% of 20 calls (10 minimum), open for 15 s. */
        public static final Settings DEFAULTS = new Settings(Duration.ofSeconds(2), 64, 50, 20, 10, Duration.ofSeconds(15));

        public Settings {
            List<String> problems = new ArrayList<>();
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                problems.add("timeout must be positive, but was " + timeout);
            }
            if (maxConcurrent < 1) {
                problems.add("max_concurrent must be at least 1, but was " + maxConcurrent);
            }
            if (failureRateThreshold < 1 || failureRateThreshold > 100) {
                problems.add("failure_rate_threshold must be between 1 and 100, but was " + failureRateThreshold);
            }
            if (slidingWindow < 1) {
                problems.add("sliding_window must be at least 1, but was " + slidingWindow);
            }
            if (minimumCalls < 1) {
                problems.add("minimum_calls must be at least 1, but was " + minimumCalls);
            }
            if (openDuration == null || openDuration.isNegative() || openDuration.isZero()) {
                problems.add("open_duration must be positive, but was " + openDuration);
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(String.join("; ", problems));
            }
        }

        /** These settings with another timeout. */
        public Settings withTimeout(Duration newTimeout) {
            return new Settings(newTimeout, maxConcurrent, failureRateThreshold, slidingWindow, minimumCalls, openDuration);
        }
    }

    private final Classifier delegate;
    private final List<String> covers;
    private final Settings settings;
    private final Bulkhead bulkhead;
    private final CircuitBreaker breaker;
    private final TimeLimiter limiter;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param delegate the classifier to protect; its {@link Classifier#name()} names the error values
     * @param covers   the categories the delegate is responsible for (carried by error values so {@code on_error} applies)
     * @param settings limits
     * @param clock    the clock the circuit breaker measures its open state on
     */
    public ResilientClassifier(Classifier delegate, List<String> covers, Settings settings, Clock clock) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.covers = List.copyOf(covers);
        this.settings = Objects.requireNonNull(settings, "settings");
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
                .clock(Objects.requireNonNull(clock, "clock"))
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

    /** The categories error values carry. */
    public List<String> covers() {
        return covers;
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
    public CompletionStage<ClassifierScores> classify(ClassificationInput input) {
        if (closed.get()) {
            return CompletableFuture.completedFuture(error("classifier is closed"));
        }
        if (!bulkhead.tryAcquirePermission()) {
            return CompletableFuture.completedFuture(
                    error("too many concurrent calls (max_concurrent " + settings.maxConcurrent() + ")"));
        }
        if (!breaker.tryAcquirePermission()) {
            bulkhead.onComplete();
            return CompletableFuture.completedFuture(error("circuit breaker open"));
        }
        long start = breaker.getCurrentTimestamp();
        CompletableFuture<ClassifierScores> call;
        try {
            call = delegate.classify(input).toCompletableFuture();
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<ClassifierScores> inner = call;
        CompletionStage<ClassifierScores> stage = limiter.executeCompletionStage(TIMER, () -> inner);
        return stage.handle((scores, failure) -> {
            bulkhead.onComplete();
            long took = breaker.getCurrentTimestamp() - start;
            TimeUnit unit = breaker.getTimestampUnit();
            if (failure == null && scores != null && scores.status() != ClassifierStatus.ERROR) {
                breaker.onSuccess(took, unit);
                return scores;
            }
            if (failure == null && scores != null) {
                breaker.onError(took, unit, new ClassifierFailed(scores.error()));
                return scores;
            }
            Throwable cause = unwrap(failure);
            breaker.onError(took, unit, cause == null ? new ClassifierFailed("no result") : cause);
            if (cause instanceof TimeoutException) {
                // the time limiter completed the late call with the TimeoutException; make sure it is ended
                inner.cancel(true);
                return error("timed out after " + settings.timeout().toMillis() + " ms");
            }
            return error("failed: " + (cause == null ? "no result" : cause.getClass().getSimpleName()));
        });
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while (c instanceof CompletionException && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    private ClassifierScores error(String message) {
        return ClassifierScores.error(delegate.name(), covers, message);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            delegate.close();
        }
    }

    /** An {@code ERROR} value from the delegate, as the breaker records it. */
    private static final class ClassifierFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ClassifierFailed(String message) {
            super(message, null, false, false);
        }
    }
}
