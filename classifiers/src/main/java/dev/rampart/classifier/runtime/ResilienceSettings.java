package dev.rampart.classifier.runtime;

import dev.rampart.classifier.config.ConfigReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The limits {@link ResilientScorer} enforces around one scorer.
 *
 * @param timeout              longest a call may take
 * @param maxConcurrent        most calls in flight (bulkhead)
 * @param failureRateThreshold percentage of failed calls in the window that opens the breaker, in [1, 100]
 * @param slidingWindow        number of recent calls the failure rate is computed over
 * @param minimumCalls         calls needed in the window before the breaker may open
 * @param openDuration         how long the breaker stays open before letting trial calls through
 */
public record ResilienceSettings(Duration timeout, int maxConcurrent, int failureRateThreshold, int slidingWindow,
                                 int minimumCalls, Duration openDuration) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    public static final int DEFAULT_MAX_CONCURRENT = 64;
    public static final int DEFAULT_FAILURE_RATE_THRESHOLD = 50;
    public static final int DEFAULT_SLIDING_WINDOW = 20;
    public static final int DEFAULT_MINIMUM_CALLS = 10;
    public static final Duration DEFAULT_OPEN_DURATION = Duration.ofSeconds(15);

    /** Timeout 2 s, 64 concurrent calls, breaker at 50% of 20 calls (10 minimum), open for 15 s. */
    public static final ResilienceSettings DEFAULTS = new ResilienceSettings(DEFAULT_TIMEOUT, DEFAULT_MAX_CONCURRENT,
            DEFAULT_FAILURE_RATE_THRESHOLD, DEFAULT_SLIDING_WINDOW, DEFAULT_MINIMUM_CALLS, DEFAULT_OPEN_DURATION);

    /** Keys of the {@code circuit_breaker} section {@link #read} accepts. */
    public static final List<String> BREAKER_KEYS = List.of("failure_rate_threshold", "sliding_window",
            "minimum_calls", "open_ms");

    /** @throws IllegalArgumentException naming every problem and the value found */
    public ResilienceSettings {
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
    public ResilienceSettings withTimeout(Duration newTimeout) {
        return new ResilienceSettings(newTimeout, maxConcurrent, failureRateThreshold, slidingWindow, minimumCalls,
                openDuration);
    }

    /**
     * Reads the resilience keys of a configuration section — {@code timeout_ms}, {@code max_concurrent} and
     * {@code circuit_breaker: {failure_rate_threshold, sliding_window, minimum_calls, open_ms}} — each absent key
     * taking its value from {@code defaults}. A value out of range is reported on {@code section} under its own key;
     * the caller must {@link ConfigReader#allow allow} {@code timeout_ms}, {@code max_concurrent} and
     * {@code circuit_breaker}.
     *
     * @return the settings, or null when a problem was reported
     */
    public static ResilienceSettings read(ConfigReader section, ResilienceSettings defaults) {
        ConfigReader cb = section.child("circuit_breaker");
        cb.allow(BREAKER_KEYS);
        int timeoutMs = section.integer("timeout_ms", (int) defaults.timeout().toMillis());
        int maxConcurrent = section.integer("max_concurrent", defaults.maxConcurrent());
        int rate = cb.integer("failure_rate_threshold", defaults.failureRateThreshold());
        int window = cb.integer("sliding_window", defaults.slidingWindow());
        int minimum = cb.integer("minimum_calls", defaults.minimumCalls());
        int openMs = cb.integer("open_ms", (int) defaults.openDuration().toMillis());
        atLeastOne(section, "timeout_ms", timeoutMs);
        atLeastOne(section, "max_concurrent", maxConcurrent);
        if (!cb.failed("failure_rate_threshold") && (rate < 1 || rate > 100)) {
            cb.problem("failure_rate_threshold", "must be between 1 and 100, but was " + rate);
        }
        atLeastOne(cb, "sliding_window", window);
        atLeastOne(cb, "minimum_calls", minimum);
        atLeastOne(cb, "open_ms", openMs);
        if (section.failed("timeout_ms") || section.failed("max_concurrent") || section.failed("circuit_breaker")) {
            return null;
        }
        return new ResilienceSettings(Duration.ofMillis(timeoutMs), maxConcurrent, rate, window, minimum,
                Duration.ofMillis(openMs));
    }

    private static void atLeastOne(ConfigReader r, String key, int value) {
        if (!r.failed(key) && value < 1) {
            r.problem(key, "must be at least 1, but was " + value);
        }
    }
}
