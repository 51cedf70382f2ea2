package dev.rampart.classifier.runtime;

import dev.rampart.classifier.ClassificationInput;
import dev.rampart.classifier.Classifier;
import dev.rampart.policy.ClassifierScores;
import dev.rampart.policy.ClassifierStatus;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.timelimiter.TimeLimiter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
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
    private final ResilienceGuard guard;
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
        this.guard = new ResilienceGuard(delegate.name(), settings, clock, failure -> false);
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
        return guard.circuitState();
    }

    /** Calls currently allowed to start before the bulkhead refuses. */
    public int availableConcurrentCalls() {
        return guard.availableConcurrentCalls();
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
        return guard.run(() -> delegate.classify(input),
                scores -> scores.status() == ClassifierStatus.ERROR ? String.valueOf(scores.error()) : null,
                this::error, this::error, scores -> scores);
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
}
