package dev.rampart.trust.limits;

import dev.rampart.trust.Caller;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits requests under the limits of the caller's scopes (key, tenant, subject) at the caller's trust tier: a
 * fixed one-second window of requests, a number of concurrent requests, a one-minute token budget and a token budget
 * per UTC day (both charged after each request with {@link #debit}) per scope. Counters are shared (Redis) or
 * embedded; when the shared counters fail, this replica's embedded counters stand in (limits then hold per replica),
 * counted in {@link #fallbacks()}. Never completes exceptionally.
 */
public final class RateLimits {
    private static final Logger LOG = LoggerFactory.getLogger(RateLimits.class);
    static final long WINDOW_MS = 1000;
    static final long TOKEN_WINDOW_MS = 60_000;
    /** The daily token budget's window: one UTC day (from the injected clock). */
    static final long DAY_MS = 86_400_000;
    /** A concurrent slot held longer than this is reclaimed (a replica died holding it). */
    static final long STALE_SLOT_MS = 600_000;

    private final LimitsConfig config;
    private final RateCounters counters;
    private final RateCounters fallback;
    private final Clock clock;
    private final LongAdder fallbacks = new LongAdder();

    public RateLimits(LimitsConfig config, RateCounters counters, Clock clock) {
        this.config = config;
        this.counters = counters;
        this.fallback = counters instanceof EmbeddedRateCounters ? counters : new EmbeddedRateCounters();
        this.clock = clock;
    }

    public LimitsConfig config() {
        return config;
    }

    /** How many checks fell back to this replica's own counters because the shared ones failed. */
    public long fallbacks() {
        return fallbacks.sum();
    }

    /** Whether the request may start now; an allowed request must call its release when over. */
    public CompletionStage<Admission> admit(Caller caller, int tier, String requestId) {
        long now = clock.millis();
        long windowStart = now - Math.floorMod(now, WINDOW_MS);
        List<Runnable> releases = new ArrayList<>();
        CompletableFuture<Admission> result = new CompletableFuture<>();
        step(caller, tier, requestId, now, windowStart, 0, null, releases, result);
        return result;
    }

    private void step(Caller caller, int tier, String requestId, long now, long windowStart, int scopeIndex,
                      Admission.Quota tightest, List<Runnable> releases, CompletableFuture<Admission> result) {
        Scope[] scopes = Scope.values();
        if (scopeIndex == scopes.length) {
            result.complete(new Admission.Allowed(tightest, once(releases)));
            return;
        }
        Scope scope = scopes[scopeIndex];
        TierLimits limits = config.at(scope, tier);
        if (limits.unlimited()) {
            step(caller, tier, requestId, now, windowStart, scopeIndex + 1, tightest, releases, result);
            return;
        }
        String bucket = scope.bucket(caller);
        if (!limits.chargesTokens()) {
            requestsAndSlots(caller, tier, requestId, now, windowStart, scopeIndex, tightest, releases, result, scope,
                    limits, bucket);
            return;
        }
        spentBudget(scope, limits, bucket, now).whenComplete((spent, failure) -> {
            if (failure != null) {
                fail(releases, result, failure);
            } else if (spent != null) {
                once(releases).run();
                result.complete(spent);
            } else {
                requestsAndSlots(caller, tier, requestId, now, windowStart, scopeIndex, tightest, releases, result,
                        scope, limits, bucket);
            }
        });
    }

    /**
     * The scope's token budget that is spent, or null when each has tokens left: the day's before the minute's when
     * both are (a retry after the minute would still be refused for the day). Reads both budgets at once.
     */
    private CompletionStage<Admission.Limited> spentBudget(Scope scope, TierLimits limits, String bucket, long now) {
        CompletionStage<Long> minute = limits.tokensPerMinute() == 0 ? CompletableFuture.completedFuture(0L)
                : withFallback(c -> c.addTokens(bucket, now - Math.floorMod(now, TOKEN_WINDOW_MS), TOKEN_WINDOW_MS, 0));
        CompletionStage<Long> day = limits.tokensPerDay() == 0 ? CompletableFuture.completedFuture(0L)
                : withFallback(c -> c.addDayTokens(bucket, utcDay(now), 0));
        return day.thenCombine(minute, (usedToday, usedThisMinute) -> {
            if (limits.tokensPerDay() > 0 && usedToday >= limits.tokensPerDay()) {
                long reset = (Math.floorDiv(now, DAY_MS) + 1) * DAY_MS - now;
                return new Admission.Limited(scope, "tokens_per_day",
                        new Admission.Quota(limits.tokensPerDay(), 0, reset), Math.max(1, reset));
            }
            if (limits.tokensPerMinute() > 0 && usedThisMinute >= limits.tokensPerMinute()) {
                long reset = TOKEN_WINDOW_MS - Math.floorMod(now, TOKEN_WINDOW_MS);
                return new Admission.Limited(scope, "tokens",
                        new Admission.Quota(limits.tokensPerMinute(), 0, reset), Math.max(1, reset));
            }
            return null;
        });
    }

    /** The UTC day of an instant in epoch milliseconds. */
    static LocalDate utcDay(long epochMs) {
        return LocalDate.ofEpochDay(Math.floorDiv(epochMs, DAY_MS));
    }

    private void requestsAndSlots(Caller caller, int tier, String requestId, long now, long windowStart,
                                  int scopeIndex, Admission.Quota tightest, List<Runnable> releases,
                                  CompletableFuture<Admission> result, Scope scope, TierLimits limits, String bucket) {
        long resetMs = windowStart + WINDOW_MS - now;
        CompletionStage<Long> counted = limits.requestsPerSecond() == 0 ? CompletableFuture.completedFuture(0L)
                : withFallback(c -> c.countRequest(bucket, windowStart, WINDOW_MS));
        counted.whenComplete((count, failure) -> {
            if (failure != null) {
                fail(releases, result, failure);
                return;
            }
            Admission.Quota requests = null;
            if (limits.requestsPerSecond() > 0) {
                requests = new Admission.Quota(limits.requestsPerSecond(),
                        Math.max(0, limits.requestsPerSecond() - count), resetMs);
                if (count > limits.requestsPerSecond()) {
                    once(releases).run();
                    result.complete(new Admission.Limited(scope, "requests", requests, Math.max(1, resetMs)));
                    return;
                }
            }
            Admission.Quota tighter = tightest == null || (requests != null && requests.remaining() < tightest.remaining())
                    ? (requests != null ? requests : tightest) : tightest;
            if (limits.concurrent() == 0) {
                step(caller, tier, requestId, now, windowStart, scopeIndex + 1, tighter, releases, result);
                return;
            }
            withFallback(c -> c.acquireSlot(bucket, requestId, limits.concurrent(), now, STALE_SLOT_MS))
                    .whenComplete((taken, slotFailure) -> {
                        if (slotFailure != null) {
                            fail(releases, result, slotFailure);
                        } else if (!taken) {
                            once(releases).run();
                            result.complete(new Admission.Limited(scope, "concurrent",
                                    new Admission.Quota(limits.concurrent(), 0, WINDOW_MS), WINDOW_MS));
                        } else {
                            releases.add(() -> withFallback(c -> c.releaseSlot(bucket, requestId)));
                            step(caller, tier, requestId, now, windowStart, scopeIndex + 1, tighter, releases, result);
                        }
                    });
        });
    }

    /**
     * Charges the tokens a finished request used (the upstream's {@code usage.total_tokens}, or the gateway's estimate
     * for a stream that did not report it) to the caller's token budgets at its tier, per minute and per UTC day; a
     * budget already spent refuses the caller's next requests until its minute (or day) is over. Fire and forget.
     */
    public void debit(Caller caller, int tier, long tokens) {
        if (tokens <= 0) {
            return;
        }
        long now = clock.millis();
        long minuteStart = now - Math.floorMod(now, TOKEN_WINDOW_MS);
        LocalDate day = utcDay(now);
        for (Scope scope : Scope.values()) {
            TierLimits limits = config.at(scope, tier);
            String bucket = scope.bucket(caller);
            if (limits.tokensPerMinute() > 0) {
                withFallback(c -> c.addTokens(bucket, minuteStart, TOKEN_WINDOW_MS, tokens));
            }
            if (limits.tokensPerDay() > 0) {
                withFallback(c -> c.addDayTokens(bucket, day, tokens));
            }
        }
    }

    /** Runs an operation on the shared counters, or on this replica's own when they fail. */
    private <T> CompletionStage<T> withFallback(java.util.function.Function<RateCounters, CompletionStage<T>> op) {
        if (counters == fallback) {
            return op.apply(counters);
        }
        CompletableFuture<T> out = new CompletableFuture<>();
        op.apply(counters).whenComplete((value, failure) -> {
            if (failure == null) {
                out.complete(value);
                return;
            }
            fallbacks.increment();
            LOG.warn("shared rate-limit counters failed ({}); this replica's own counters apply",
                    failure.getClass().getSimpleName());
            op.apply(fallback).whenComplete((v, f) -> {
                if (f != null) {
                    out.completeExceptionally(f);
                } else {
                    out.complete(v);
                }
            });
        });
        return out;
    }

    private static void fail(List<Runnable> releases, CompletableFuture<Admission> result, Throwable failure) {
        // the embedded counters cannot fail; should they, the request is admitted rather than failed
        LOG.warn("rate-limit check failed ({}); admitted", failure.getClass().getSimpleName());
        result.complete(new Admission.Allowed(null, once(releases)));
    }

    private static Runnable once(List<Runnable> releases) {
        List<Runnable> copy = List.copyOf(releases);
        AtomicBoolean done = new AtomicBoolean();
        return () -> {
            if (done.compareAndSet(false, true)) {
                copy.forEach(Runnable::run);
            }
        };
    }

    public void close() {
        counters.close();
    }
}
