package dev.rampart.gateway.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The gateway's whole configuration, parsed and validated once ({@link ConfigLoader}) into immutable records.
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
        DecisionLogConfig decisionLog) {

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
            int streamWriteQueueBytes) {
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
            Timeouts timeouts,
            Retry retry,
            Breaker breaker,
            int maxConcurrent,
            int poolSize,
            String fallback) {
        public Upstream {
            models = List.copyOf(models);
        }
    }

    public record Timeouts(long connectMs, long firstByteMs, long idleMs) {
    }

    public record Retry(int maxAttempts, long backoffMs) {
    }

    public record Breaker(int failureRateThreshold, int slidingWindow, int minimumCalls, long openMs) {
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
     */
    public record Classifiers(boolean patterns, boolean embedded, int embeddedWorkers, int embeddedThreads, int embeddedMaxBatch,
                              int embeddedQueue, long timeoutMs, long cacheEntries, long cacheTtlMs,
                              List<dev.rampart.classifier.llamaguard.LlamaGuardConfig> remote,
                              List<dev.rampart.classifier.reward.RewardConfig> reward,
                              List<dev.rampart.classifier.reward.OnnxRewardScorer.Config> onnxReward,
                              List<dev.rampart.classifier.onnx.SequenceClassifierConfig> models) {
        public Classifiers {
            onnxReward = List.copyOf(onnxReward);
            models = List.copyOf(models);
            remote = List.copyOf(remote);
            reward = List.copyOf(reward);
        }
    }

    /**
     * The decision log, in {@code <data_dir>/decisions}.
     *
     * @param contentLogging write the texts themselves (off: only their SHA-256), for operators who must
     */
    public record DecisionLogConfig(boolean enabled, long maxFileBytes, int keepFiles, long flushMs,
                                    boolean contentLogging) {
    }
}
