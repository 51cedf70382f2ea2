package dev.rampart.gateway.config;

/** Every default of the gateway's configuration, in one place. The JSON schema and README quote these values. */
public final class Defaults {
    private Defaults() {
    }

    public static final String PUBLIC_HOST = "0.0.0.0";
    public static final int PUBLIC_PORT = 8080;
    public static final String ADMIN_HOST = "127.0.0.1";
    public static final int ADMIN_PORT = 9090;
    public static final String DATA_DIR = "./data";

    public static final long MAX_BODY_BYTES = 4L * 1024 * 1024;
    public static final int MAX_JSON_DEPTH = 64;
    public static final int MAX_HEADER_BYTES = 16 * 1024;
    public static final int MAX_URI_LENGTH = 8 * 1024;
    public static final long IDLE_TIMEOUT_MS = 60_000;
    /** Deadline for the client to deliver the whole request body (slowloris guard). */
    public static final long BODY_READ_TIMEOUT_MS = 15_000;
    /** Deadline for a non-streamed request end to end. */
    public static final long REQUEST_TIMEOUT_MS = 300_000;
    /** Bytes a slow streaming client may leave unread before the gateway pauses the upstream. */
    public static final int STREAM_WRITE_QUEUE_BYTES = 64 * 1024;

    public static final String POLICY_FILE = "builtin:default";
    public static final boolean POLICY_WATCH = true;
    public static final long POLICY_WATCH_INTERVAL_MS = 1_000;

    public static final long UPSTREAM_CONNECT_TIMEOUT_MS = 5_000;
    public static final long UPSTREAM_FIRST_BYTE_TIMEOUT_MS = 60_000;
    public static final long UPSTREAM_IDLE_TIMEOUT_MS = 60_000;
    public static final int UPSTREAM_MAX_ATTEMPTS = 2;
    public static final long UPSTREAM_RETRY_BACKOFF_MS = 100;
    public static final int BREAKER_FAILURE_RATE = 50;
    public static final int BREAKER_WINDOW = 20;
    public static final int BREAKER_MINIMUM_CALLS = 10;
    public static final long BREAKER_OPEN_MS = 15_000;
    public static final int BULKHEAD_MAX_CONCURRENT = 512;
    public static final int UPSTREAM_POOL_SIZE = 128;
    public static final long MODEL_REFRESH_MS = 300_000;

    public static final long CLASSIFIER_TIMEOUT_MS = 2_000;
    /** The in-process safety model runs unless turned off: the gateway guards out of the box. */
    public static final boolean EMBEDDED_CLASSIFIER = true;

    public static final boolean DECISION_LOG_ENABLED = true;
    public static final long DECISION_LOG_MAX_FILE_MB = 64;
    public static final int DECISION_LOG_KEEP_FILES = 20;
    /** A kill -9 loses at most this much of the decision log (plus the write itself). */
    public static final long DECISION_LOG_FLUSH_MS = 500;
}
