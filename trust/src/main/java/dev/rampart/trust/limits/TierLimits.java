package dev.rampart.trust.limits;

/**
 * The limits of one scope at one trust tier; 0 means unlimited.
 *
 * @param requestsPerSecond requests started per one-second window
 * @param concurrent        requests in flight at once
 */
public record TierLimits(int requestsPerSecond, int concurrent) {
    public static final TierLimits UNLIMITED = new TierLimits(0, 0);

    public boolean unlimited() {
        return requestsPerSecond == 0 && concurrent == 0;
    }
}
