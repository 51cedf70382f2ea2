package dev.rampart.trust.limits;

import java.util.HashMap;
import java.util.Map;

/**
 * Fair sharing of this replica's classifier queue: each tenant may hold at most {@code perTenant} texts in
 * classification at once, so one tenant's bulk requests cannot fill the queue and make every other tenant's
 * classifications fail. Thread-safe.
 */
public final class ClassifierShares {
    private final int perTenant;
    private final Map<String, Integer> held = new HashMap<>();

    /** @param perTenant texts one tenant may hold at once (at least 1) */
    public ClassifierShares(int perTenant) {
        if (perTenant < 1) {
            throw new IllegalArgumentException("perTenant must be at least 1, but was " + perTenant);
        }
        this.perTenant = perTenant;
    }

    /** The share of a queue of {@code capacity} texts one tenant gets with {@code fraction}. */
    public static ClassifierShares of(int capacity, double fraction) {
        return new ClassifierShares(Math.max(1, (int) Math.floor(capacity * fraction)));
    }

    public int perTenant() {
        return perTenant;
    }

    /** Takes {@code texts} of the tenant's share, unless that would exceed it; whether they were taken. */
    public synchronized boolean tryAcquire(String tenant, int texts) {
        int now = held.getOrDefault(tenant, 0);
        if (now + texts > perTenant) {
            return false;
        }
        held.put(tenant, now + texts);
        return true;
    }

    /** Gives back {@code texts} of the tenant's share. */
    public synchronized void release(String tenant, int texts) {
        int left = held.getOrDefault(tenant, 0) - texts;
        if (left <= 0) {
            held.remove(tenant);
        } else {
            held.put(tenant, left);
        }
    }
}
