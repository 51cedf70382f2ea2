package dev.rampart.trust.limits;

/**
 * The limits of one scope at one trust tier; 0 means unlimited.
 *
 * @param requestsPerSecond requests started per one-second window
 * @param concurrent        requests in flight at once
 * @param tokensPerMinute   tokens (the upstream's {@code usage.total_tokens}) per one-minute window
 */
public record TierLimits(int requestsPerSecond, int concurrent, int tokensPerMinute) {
    public static final TierLimits UNLIMITED = new TierLimits(0, 0, 0);

    /** Limits without a token budget. */
    public TierLimits(int requestsPerSecond, int concurrent) {
        this(requestsPerSecond, concurrent, 0);
    }

    public boolean unlimited() {
        return requestsPerSecond == 0 && concurrent == 0 && tokensPerMinute == 0;
    }
}
