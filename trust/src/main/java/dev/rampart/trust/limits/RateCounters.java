package dev.rampart.trust.limits;

import java.util.concurrent.CompletionStage;

/**
 * Where rate-limit counters live. Each operation is atomic for its bucket, so replicas sharing one implementation
 * (Redis) together allow no more than the limit. Every operation is asynchronous.
 */
public interface RateCounters extends AutoCloseable {

    /**
     * Counts one request in the bucket's fixed window starting at {@code windowStartMs} (of {@code windowMs});
     * completes with the window's count including this request.
     */
    CompletionStage<Long> countRequest(String bucket, long windowStartMs, long windowMs);

    /**
     * Adds {@code tokens} (0 only reads) to the bucket's fixed window starting at {@code windowStartMs} (of
     * {@code windowMs}); completes with the window's total after it.
     */
    CompletionStage<Long> addTokens(String bucket, long windowStartMs, long windowMs, long tokens);

    /**
     * Adds {@code tokens} (0 only reads) to the bucket's budget for one UTC day ({@code day}, the day of the caller's
     * clock); completes with the day's total after it. The day's counter expires once the day is long over.
     */
    CompletionStage<Long> addDayTokens(String bucket, java.time.LocalDate day, long tokens);

    /**
     * Takes one of {@code limit} concurrent slots for {@code leaseId}, unless all are taken; slots older than
     * {@code staleMs} are reclaimed first (a replica that died holding them). Completes with whether it was taken.
     */
    CompletionStage<Boolean> acquireSlot(String bucket, String leaseId, int limit, long nowMs, long staleMs);

    /** Gives a slot back (idempotent). */
    CompletionStage<Void> releaseSlot(String bucket, String leaseId);

    @Override
    void close();
}
