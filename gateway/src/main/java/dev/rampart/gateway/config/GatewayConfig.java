package dev.rampart.gateway.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The gateway's whole configuration, parsed and validated once ({@link ConfigLoader}) into immutable records. Each
 * record keeps its own defaults ({@code DEFAULT_*}); {@code conf/gateway.schema.json} and the README quote them (a test
 * keeps them equal).
 *
 * @param server    listeners and request limits
 * @param policy    where the policy comes from
 * @param upstreams named upstream LLM endpoints, routed by model
 * @param trust     the {@code identity:} and {@code trust:} sections, validated by the trust module
 * @param classifiers which classifiers guard the traffic
 */
public record GatewayConfig(
        Server server,
        PolicySource policy,
        List<Upstream> upstreams,
        dev.rampart.trust.TrustConfig trust,
        Classifiers classifiers,
        DecisionLogConfig decisionLog,
        dev.rampart.trust.limits.LimitsConfig limits) {

    public GatewayConfig {
        upstreams = List.copyOf(upstreams);
    }

    public Optional<Upstream> upstream(String name) {
        return upstreams.stream().filter(u -> u.name().equals(name)).findFirst();
    }

    public record Server(
            String host,
            int port,
            String adminHost,
            int adminPort,
            String adminTokenEnv,
            String adminToken,
            String dataDir,
            long maxBodyBytes,
            int maxJsonDepth,
            int maxHeaderBytes,
            int maxUriLength,
            long idleTimeoutMs,
            long bodyReadTimeoutMs,
            long requestTimeoutMs,
            int streamWriteQueueBytes,
            boolean allowAnonymous,
            int maxHeaders,
            List<String> allowedHosts) {
        /** Loopback: a public bind must be asked for, and with no identity it also needs {@code allow_anonymous}. */
        public static final String DEFAULT_HOST = "127.0.0.1";
        /** Serving anonymous callers on a non-loopback address (an open relay spending the upstream key) is refused. */
        public static final boolean DEFAULT_ALLOW_ANONYMOUS = false;
        /** More request headers than this answer 431 (a header flood costs memory before any check runs). */
        public static final int DEFAULT_MAX_HEADERS = 100;
        public static final int DEFAULT_PORT = 8080;
        public static final String DEFAULT_ADMIN_HOST = "127.0.0.1";
        public static final int DEFAULT_ADMIN_PORT = 9090;
        public static final String DEFAULT_DATA_DIR = "./data";
        public static final long DEFAULT_MAX_BODY_BYTES = 4L * 1024 * 1024;
        public static final int DEFAULT_MAX_JSON_DEPTH = 64;
        public static final int DEFAULT_MAX_HEADER_BYTES = 16 * 1024;
        public static final int DEFAULT_MAX_URI_LENGTH = 8 * 1024;
        public static final long DEFAULT_IDLE_TIMEOUT_MS = 60_000;
        /** Deadline for the client to deliver the whole request body (slowloris guard). */
        public static final long DEFAULT_BODY_READ_TIMEOUT_MS = 15_000;
        /** Deadline for a non-streamed request end to end. */
        public static final long DEFAULT_REQUEST_TIMEOUT_MS = 300_000;
        /** Bytes a slow streaming client may leave unread before the gateway pauses the upstream. */
        public static final int DEFAULT_STREAM_WRITE_QUEUE_BYTES = 64 * 1024;
    }

    /**
     * Where the policies come from.
     *
     * @param file     the default pack (a path or {@code builtin:default})
     * @param bindings packs bound to an API key, a tenant or a model; precedence key > tenant > model > default
     * @param shadow   a candidate pack decided beside the default pack without acting (recorded, compared), or null
     */
    public record PolicySource(String file, boolean watch, long watchIntervalMs,
                               List<dev.rampart.policy.PolicySet.Binding> bindings, String shadow) {
        public static final String DEFAULT_FILE = "builtin:default";
        public static final boolean DEFAULT_WATCH = true;
        public static final long DEFAULT_WATCH_INTERVAL_MS = 1_000;

        public PolicySource {
            bindings = List.copyOf(bindings);
        }

        public PolicySource(String file, boolean watch, long watchIntervalMs,
                            List<dev.rampart.policy.PolicySet.Binding> bindings) {
            this(file, watch, watchIntervalMs, bindings, null);
        }
    }

    /**
     * One upstream LLM endpoint.
     *
     * @param baseUrl                    e.g. {@code https://api.openai.com/v1}; routes are appended ({@code /chat/completions})
     * @param apiKeyEnv                  name of the environment variable holding its API key, or null
     * @param models                     models it serves; {@code *} serves any model; empty with {@code discoverModels}: from {@code GET /models}
     * @param forwardClientAuthorization forward the caller's own {@code Authorization} header (off by default)
     * @param forwardClientHeaders       the caller's headers forwarded to this upstream, lower-case, from
     *                                   {@link #FORWARDABLE_CLIENT_HEADERS} (none by default)
     * @param fallback                   name of the upstream to try when this one is unavailable, or null
     */
    public record Upstream(
            String name,
            String baseUrl,
            String apiKeyEnv,
            List<String> models,
            boolean discoverModels,
            long modelRefreshMs,
            boolean forwardClientAuthorization,
            List<String> forwardClientHeaders,
            Timeouts timeouts,
            Retry retry,
            Breaker breaker,
            int maxConcurrent,
            int poolSize,
            String fallback) {
        public static final long DEFAULT_MODEL_REFRESH_MS = 300_000;
        public static final boolean DEFAULT_FORWARD_CLIENT_AUTHORIZATION = false;
        /**
         * The caller's headers an upstream may be told to forward: OpenAI's organization and project selectors. None
         * is forwarded by default: with the gateway's own key they would let a caller pick which of the key's
         * organizations or projects pays and sees the request.
         */
        public static final List<String> FORWARDABLE_CLIENT_HEADERS = List.of("openai-organization", "openai-project");
        public static final List<String> DEFAULT_FORWARD_CLIENT_HEADERS = List.of();
        public static final int DEFAULT_MAX_CONCURRENT = 512;
        public static final int DEFAULT_POOL_SIZE = 128;

        public Upstream {
            models = List.copyOf(models);
            forwardClientHeaders = List.copyOf(forwardClientHeaders);
        }
    }

    public record Timeouts(long connectMs, long firstByteMs, long idleMs, long streamTotalMs, long streamSilenceMs) {
        public static final long DEFAULT_CONNECT_MS = 5_000;
        public static final long DEFAULT_FIRST_BYTE_MS = 60_000;
        public static final long DEFAULT_IDLE_MS = 60_000;
        /** A streamed reply must end within this, whatever it sends (0: unbounded). */
        public static final long DEFAULT_STREAM_TOTAL_MS = 600_000;
        /** Events with data no further apart than this; keep-alive comments do not count (0: unbounded). */
        public static final long DEFAULT_STREAM_SILENCE_MS = 120_000;
        public static final Timeouts DEFAULTS = new Timeouts(DEFAULT_CONNECT_MS, DEFAULT_FIRST_BYTE_MS, DEFAULT_IDLE_MS,
                DEFAULT_STREAM_TOTAL_MS, DEFAULT_STREAM_SILENCE_MS);
    }

    public record Retry(int maxAttempts, long backoffMs) {
        public static final int DEFAULT_MAX_ATTEMPTS = 2;
        public static final long DEFAULT_BACKOFF_MS = 100;
        public static final Retry DEFAULTS = new Retry(DEFAULT_MAX_ATTEMPTS, DEFAULT_BACKOFF_MS);
    }

    public record Breaker(int failureRateThreshold, int slidingWindow, int minimumCalls, long openMs) {
        public static final int DEFAULT_FAILURE_RATE_THRESHOLD = 50;
        public static final int DEFAULT_SLIDING_WINDOW = 20;
        public static final int DEFAULT_MINIMUM_CALLS = 10;
        public static final long DEFAULT_OPEN_MS = 15_000;
        public static final Breaker DEFAULTS = new Breaker(DEFAULT_FAILURE_RATE_THRESHOLD, DEFAULT_SLIDING_WINDOW,
                DEFAULT_MINIMUM_CALLS, DEFAULT_OPEN_MS);
    }

    /**
     * Classifier set-up.
     *
     * @param patterns          run the policy's deterministic patterns and PII detectors
     * @param embedded          run the embedded in-process ONNX safety model
     * @param embeddedWorkers   inference workers for the embedded model (each runs one batch at a time)
     * @param embeddedThreads   ONNX Runtime threads each batch uses
     * @param embeddedMaxBatch  most texts one inference batch takes
     * @param embeddedQueue     most texts waiting for a worker; beyond it a classification fails (on_error applies)
     * @param timeoutMs         per-classifier deadline; a late classifier counts as an error (the category's on_error applies)
     * @param cacheEntries      results kept per classifier (0 = no cache)
     * @param cacheTtlMs        how long a result is kept
     * @param remote            remote Llama Guard classifiers, validated when the configuration is loaded
     * @param reward            remote reward scorers that policies name in their {@code reward.scorer}
     * @param onnxReward        in-process ONNX reward models, named the same way
     * @param models            in-process ONNX sequence classifiers (Prompt Guard, toxicity models)
     * @param cascade           the embedded model and a remote classifier run as one two-stage cascade, if configured
     */
    public record Classifiers(boolean patterns, boolean embedded, int embeddedWorkers, int embeddedThreads, int embeddedMaxBatch,
                              int embeddedQueue, long timeoutMs, long cacheEntries, long cacheTtlMs,
                              List<dev.rampart.classifier.llamaguard.LlamaGuardConfig> remote,
                              List<dev.rampart.classifier.remote.RemoteGuardConfig> guards,
                              List<dev.rampart.classifier.reward.RewardConfig> reward,
                              List<dev.rampart.classifier.reward.OnnxRewardScorer.Config> onnxReward,
                              List<dev.rampart.classifier.onnx.SequenceClassifierConfig> models,
                              java.util.Optional<Cascade> cascade,
                              int maxClassifiedChars) {
        public static final boolean DEFAULT_PATTERNS = true;
        /** Longer texts are not partly read: the in-process classifiers report an error and {@code on_error} decides. */
        public static final int DEFAULT_MAX_CLASSIFIED_CHARS = dev.rampart.classifier.normalize.ReadLimit.DEFAULTS.maxChars();
        /** The in-process safety model runs unless turned off: the gateway guards out of the box. */
        public static final boolean DEFAULT_EMBEDDED = true;
        public static final int DEFAULT_EMBEDDED_WORKERS = 1;
        public static final int DEFAULT_EMBEDDED_THREADS = 2;
        public static final int DEFAULT_EMBEDDED_MAX_BATCH = 32;
        public static final int DEFAULT_EMBEDDED_QUEUE = 1024;
        public static final long DEFAULT_TIMEOUT_MS = 2_000;
        public static final long DEFAULT_CACHE_MAX_ENTRIES = 10_000;
        public static final long DEFAULT_CACHE_TTL_MS = 600_000;

        public Classifiers {
            onnxReward = List.copyOf(onnxReward);
            models = List.copyOf(models);
            remote = List.copyOf(remote);
            guards = List.copyOf(guards);
            reward = List.copyOf(reward);
            cascade = java.util.Objects.requireNonNull(cascade, "cascade");
        }
    }

    /**
     * {@code classifiers.cascade}: the first stage scores every text, the second only those in the first stage's
     * uncertain band; the two run as one classifier named {@code settings.name()}, the second never on its own.
     *
     * @param first    the fast stage: {@link #EMBEDDED}
     * @param second   the strong stage: the name of a {@code classifiers.remote} entry
     * @param settings the band and what a failed second stage yields
     */
    public record Cascade(String first, String second, dev.rampart.classifier.cascade.CascadeSettings settings) {
        /** The only first stage the gateway supports: the embedded model. */
        public static final String EMBEDDED = "embedded";

        public Cascade {
            java.util.Objects.requireNonNull(first, "first");
            java.util.Objects.requireNonNull(second, "second");
            java.util.Objects.requireNonNull(settings, "settings");
        }
    }

    /**
     * The decision log, in {@code <data_dir>/decisions}.
     *
     * @param contentLogging write the texts themselves (off: only their SHA-256), for operators who must
     */
    public record DecisionLogConfig(boolean enabled, long maxFileBytes, int keepFiles, long flushMs,
                                    boolean contentLogging, int maxQueued, boolean failClosed) {
        public static final boolean DEFAULT_ENABLED = true;
        public static final long DEFAULT_MAX_FILE_MB = 64;
        public static final int DEFAULT_KEEP_FILES = 20;
        /** A kill -9 loses at most this much of the decision log (plus the write itself). */
        public static final long DEFAULT_FLUSH_MS = 500;
        public static final boolean DEFAULT_CONTENT_LOGGING = false;
        /** Records waiting for the writer before new ones are dropped (and counted). */
        public static final long DEFAULT_MAX_QUEUED = dev.rampart.gateway.decisionlog.DecisionLog.DEFAULT_MAX_QUEUED;
        /** Off: a log that cannot write counts its losses and traffic flows; on: requests are refused meanwhile. */
        public static final boolean DEFAULT_FAIL_CLOSED = false;
    }
}
