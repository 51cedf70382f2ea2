package dev.rampart.trust.limits;

/** Whether a request may start now, under the caller's rate limits. */
public sealed interface Admission permits Admission.Allowed, Admission.Limited {

    /**
     * The request may start.
     *
     * @param requests the tightest requests-per-second quota that applied (for {@code x-ratelimit-*}), or null
     * @param release  gives back the concurrent slots it holds; call once the request is over (idempotent)
     */
    record Allowed(Quota requests, Runnable release) implements Admission {
    }

    /**
     * The request is over a limit.
     *
     * @param scope        the scope whose limit it hit
     * @param kind         {@code requests} (per second), {@code concurrent}, {@code tokens} (per minute) or
     *                     {@code tokens_per_day}
     * @param quota        that limit's quota
     * @param retryAfterMs when a retry may succeed
     */
    record Limited(Scope scope, String kind, Quota quota, long retryAfterMs) implements Admission {
    }

    /**
     * A limit and what is left of it.
     *
     * @param limit     the limit
     * @param remaining what is left in the current window (never negative)
     * @param resetMs   milliseconds until the window resets
     */
    record Quota(int limit, long remaining, long resetMs) {
    }
}
