package dev.rampart.trust.limits;

/**
 * The limits of one scope at one trust tier; 0 means unlimited.
 *
 * @param requestsPerSecond requests started per one-second window
 * @param concurrent        requests in flight at once
 * @param tokensPerMinute   tokens (the upstream's {@code usage.total_tokens}, or an estimate for a stream that did not
 *                          report it) per one-minute window
 * @param tokensPerDay      tokens per UTC day (the window rolls over at midnight UTC)
 */
public record TierLimits(int requestsPerSecond, int concurrent, int tokensPerMinute, int tokensPerDay) {
    public static final TierLimits UNLIMITED = new TierLimits(0, 0, 0, 0);

    /** Limits without a token budget. */
    public TierLimits(int requestsPerSecond, int concurrent) {
        this(requestsPerSecond, concurrent, 0, 0);
    }

    /** Limits with a per-minute token budget and no daily one. */
    public TierLimits(int requestsPerSecond, int concurrent, int tokensPerMinute) {
        this(requestsPerSecond, concurrent, tokensPerMinute, 0);
    }

    public boolean unlimited() {
        return requestsPerSecond == 0 && concurrent == 0 && !chargesTokens();
    }

    /** Whether the scope has a token budget at this tier (tokens used are charged to it). */
    public boolean chargesTokens() {
        return tokensPerMinute > 0 || tokensPerDay > 0;
    }
}
