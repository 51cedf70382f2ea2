package dev.rampart.gateway.pipeline;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids: the client's own {@code x-request-id} when it is sane — 1 to {@value #MAX_LENGTH} characters of
 * {@code [A-Za-z0-9._:-]}, nothing that could split a log line or a header — else 16 random hex characters, unique
 * enough to correlate logs and decisions, cheap to make.
 */
final class RequestIds {
    static final int MAX_LENGTH = 128;

    private RequestIds() {
    }

    /** The client's id if it is sane, else a fresh one. */
    static String honour(String fromClient) {
        return sane(fromClient) ? fromClient : next();
    }

    static boolean sane(String id) {
        return HeaderValues.plain(id, MAX_LENGTH, "._:-");
    }

    static String next() {
        long v = ThreadLocalRandom.current().nextLong();
        String hex = Long.toHexString(v);
        return "0".repeat(16 - hex.length()) + hex;
    }
}
