package dev.rampart.trust.limits;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Counters in this process's memory, for one node (or as a fallback while Redis is away). */
public final class EmbeddedRateCounters implements RateCounters {
    private static final int MAX_BUCKETS = 100_000;

    private final Map<String, long[]> windows = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
            return size() > MAX_BUCKETS;
        }
    };
    private final Map<String, Map<String, Long>> slots = new HashMap<>();

    @Override
    public synchronized CompletionStage<Long> countRequest(String bucket, long windowStartMs, long windowMs) {
        long[] w = windows.computeIfAbsent(bucket, b -> new long[] {windowStartMs, 0});
        if (w[0] != windowStartMs) {
            w[0] = windowStartMs;
            w[1] = 0;
        }
        w[1]++;
        return CompletableFuture.completedFuture(w[1]);
    }

    @Override
    public synchronized CompletionStage<Long> addTokens(String bucket, long windowStartMs, long windowMs, long tokens) {
        long[] w = windows.computeIfAbsent("tokens|" + bucket, b -> new long[] {windowStartMs, 0});
        if (w[0] != windowStartMs) {
            w[0] = windowStartMs;
            w[1] = 0;
        }
        w[1] += tokens;
        return CompletableFuture.completedFuture(w[1]);
    }

    @Override
    public synchronized CompletionStage<Long> addDayTokens(String bucket, LocalDate day, long tokens) {
        long[] w = windows.computeIfAbsent("day|" + bucket, b -> new long[] {day.toEpochDay(), 0});
        if (w[0] != day.toEpochDay()) {
            w[0] = day.toEpochDay();
            w[1] = 0;
        }
        w[1] += tokens;
        return CompletableFuture.completedFuture(w[1]);
    }

    @Override
    public synchronized CompletionStage<Boolean> acquireSlot(String bucket, String leaseId, int limit, long nowMs,
                                                             long staleMs) {
        Map<String, Long> held = slots.computeIfAbsent(bucket, b -> new HashMap<>());
        held.values().removeIf(since -> since < nowMs - staleMs);
        if (held.size() >= limit) {
            return CompletableFuture.completedFuture(false);
        }
        held.put(leaseId, nowMs);
        return CompletableFuture.completedFuture(true);
    }

    @Override
    public synchronized CompletionStage<Void> releaseSlot(String bucket, String leaseId) {
        Map<String, Long> held = slots.get(bucket);
        if (held != null) {
            held.remove(leaseId);
            if (held.isEmpty()) {
                slots.remove(bucket);
            }
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void close() {
    }
}
