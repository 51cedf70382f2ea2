package dev.rampart.gateway.pipeline;

import java.util.concurrent.ThreadLocalRandom;

/** Request ids: 16 random hex characters, unique enough to correlate logs and decisions, cheap to make. */
final class RequestIds {
    private RequestIds() {
    }

    static String next() {
        long v = ThreadLocalRandom.current().nextLong();
        String hex = Long.toHexString(v);
        return "0".repeat(16 - hex.length()) + hex;
    }
}
