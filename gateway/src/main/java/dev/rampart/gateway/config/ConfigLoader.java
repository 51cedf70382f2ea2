package dev.rampart.gateway.config;

import java.io.IOException;
import dev.rampart.classifier.llamaguard.LlamaGuardConfig;
import dev.rampart.classifier.reward.RewardConfig;
import dev.rampart.classifier.reward.OnnxRewardScorer;
import dev.rampart.classifier.onnx.SequenceClassifierConfig;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import dev.rampart.policy.PolicySet;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Parses {@code gateway.yaml} into a {@link GatewayConfig}, reporting every problem with its path. Never throws for
 * user errors: the caller decides (exit non-zero at start-up, keep the old config on reload).
 */
public final class ConfigLoader {
    private ConfigLoader() {
    }

    /** Either a valid config or the list of problems, each prefixed with its path. */
    public record Result(GatewayConfig config, List<String> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /** The embedded defaults: no upstream, built-in policy, patterns on. */
    public static Result defaults() {
        return parse("(defaults)", "{}", Overrides.NONE);
    }

    public static Result load(Path file, Overrides overrides) {
        String yaml;
        try {
            yaml = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return new Result(null, List.of(file + ": cannot read: " + e.getClass().getSimpleName()));
        }
        return parse(file.toString(), yaml, overrides);
    }

    public static Result parse(String source, String yaml, Overrides overrides) {
        List<String> problems = new ArrayList<>();
        Object tree;
        try {
            LoadSettings settings = LoadSettings.builder()
                    .setAllowDuplicateKeys(false)
                    .setLabel(source)
                    .setCodePointLimit(4 * 1024 * 1024)
                    .build();
            tree = new Load(settings).loadFromString(yaml);
        } catch (YamlEngineException e) {
            return new Result(null, List.of(source + ": " + firstLine(e.getMessage())));
        }
        ConfigReader root = ConfigReader.root(tree, problems);
        root.allowOnly(Set.of("server", "policy", "upstreams", "identity", "trust", "classifiers", "decision_log"));
        dev.rampart.trust.TrustConfig.Result trust =
                dev.rampart.trust.TrustConfig.parse(root.raw("identity"), root.raw("trust"));
        problems.addAll(trust.problems());
        GatewayConfig config = new GatewayConfig(
                server(root.section("server"), overrides),
                policy(root.section("policy"), overrides),
                upstreams(root, overrides),
                trust.config(),
                classifiers(root.section("classifiers")),
                decisionLog(root.section("decision_log")));
        List<String> prefixed = problems.stream().map(p -> source + ": " + p).toList();
        return new Result(prefixed.isEmpty() ? config : null, prefixed);
    }

    private static GatewayConfig.Server server(ConfigReader r, Overrides o) {
        r.allowOnly(Set.of("host", "port", "admin_host", "admin_port", "admin_token_env", "data_dir", "max_body_bytes",
                "max_json_depth", "max_header_bytes", "max_uri_length", "idle_timeout_ms", "body_read_timeout_ms",
                "request_timeout_ms", "stream_write_queue_bytes"));
        int port = (int) r.integer("port", Defaults.PUBLIC_PORT, 0, 65535);
        int adminPort = (int) r.integer("admin_port", Defaults.ADMIN_PORT, 0, 65535);
        String tokenEnv = r.string("admin_token_env", null);
        String token = tokenEnv == null ? null : System.getenv(tokenEnv);
        return new GatewayConfig.Server(
                r.string("host", Defaults.PUBLIC_HOST),
                o.port() != null ? o.port() : port,
                r.string("admin_host", Defaults.ADMIN_HOST),
                o.adminPort() != null ? o.adminPort() : adminPort,
                tokenEnv,
                token,
                o.dataDir() != null ? o.dataDir() : r.string("data_dir", Defaults.DATA_DIR),
                r.integer("max_body_bytes", Defaults.MAX_BODY_BYTES, 1024, 256L * 1024 * 1024),
                (int) r.integer("max_json_depth", Defaults.MAX_JSON_DEPTH, 4, 1000),
                (int) r.integer("max_header_bytes", Defaults.MAX_HEADER_BYTES, 1024, 1024 * 1024),
                (int) r.integer("max_uri_length", Defaults.MAX_URI_LENGTH, 256, 1024 * 1024),
                r.integer("idle_timeout_ms", Defaults.IDLE_TIMEOUT_MS, 100, 3_600_000),
                r.integer("body_read_timeout_ms", Defaults.BODY_READ_TIMEOUT_MS, 100, 3_600_000),
                r.integer("request_timeout_ms", Defaults.REQUEST_TIMEOUT_MS, 100, 3_600_000),
                (int) r.integer("stream_write_queue_bytes", Defaults.STREAM_WRITE_QUEUE_BYTES, 1024, 64 * 1024 * 1024));
    }

    private static GatewayConfig.PolicySource policy(ConfigReader r, Overrides o) {
        r.allowOnly(Set.of("file", "watch", "watch_interval_ms", "bindings", "shadow"));
        List<PolicySet.Binding> bindings = new ArrayList<>();
        for (ConfigReader b : r.sections("bindings")) {
            b.allowOnly(Set.of("key", "tenant", "model", "file"));
            List<PolicySet.Scope> scopes = new ArrayList<>();
            for (PolicySet.Scope scope : PolicySet.Scope.values()) {
                if (b.has(scope.name().toLowerCase(java.util.Locale.ROOT))) {
                    scopes.add(scope);
                }
            }
            String file = b.requiredString("file");
            if (scopes.size() != 1) {
                b.problem("key", "each binding names exactly one of key, tenant, model, but this one names "
                        + scopes.size());
                continue;
            }
            String match = b.requiredString(scopes.get(0).name().toLowerCase(java.util.Locale.ROOT));
            if (file != null && match != null) {
                bindings.add(new PolicySet.Binding(scopes.get(0), match, file));
            }
        }
        return new GatewayConfig.PolicySource(
                o.policy() != null ? o.policy() : r.string("file", Defaults.POLICY_FILE),
                r.bool("watch", Defaults.POLICY_WATCH),
                r.integer("watch_interval_ms", Defaults.POLICY_WATCH_INTERVAL_MS, 50, 3_600_000),
                bindings, r.string("shadow", null));
    }

    private static List<GatewayConfig.Upstream> upstreams(ConfigReader root, Overrides o) {
        if (o.upstream() != null) {
            String url = o.upstream();
            checkUrl(root, "--upstream", url);
            return List.of(new GatewayConfig.Upstream("default", stripSlash(url), null, List.of(), true,
                    Defaults.MODEL_REFRESH_MS, false,
                    new GatewayConfig.Timeouts(Defaults.UPSTREAM_CONNECT_TIMEOUT_MS, Defaults.UPSTREAM_FIRST_BYTE_TIMEOUT_MS,
                            Defaults.UPSTREAM_IDLE_TIMEOUT_MS),
                    new GatewayConfig.Retry(Defaults.UPSTREAM_MAX_ATTEMPTS, Defaults.UPSTREAM_RETRY_BACKOFF_MS),
                    new GatewayConfig.Breaker(Defaults.BREAKER_FAILURE_RATE, Defaults.BREAKER_WINDOW,
                            Defaults.BREAKER_MINIMUM_CALLS, Defaults.BREAKER_OPEN_MS),
                    Defaults.BULKHEAD_MAX_CONCURRENT, Defaults.UPSTREAM_POOL_SIZE, null));
        }
        List<GatewayConfig.Upstream> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ConfigReader u : root.sections("upstreams")) {
            u.allowOnly(Set.of("name", "base_url", "api_key_env", "models", "discover_models", "model_refresh_ms",
                    "forward_client_authorization", "timeouts", "retry", "circuit_breaker", "max_concurrent",
                    "pool_size", "fallback"));
            String name = u.requiredString("name");
            if (name != null && !names.add(name)) {
                u.problem("name", "duplicate upstream name '" + name + "'");
            }
            String baseUrl = u.requiredString("base_url");
            if (baseUrl != null) {
                checkUrl(u, "base_url", baseUrl);
            }
            List<String> models = u.strings("models");
            boolean discover = u.bool("discover_models", models.isEmpty());
            if (models.isEmpty() && !discover) {
                u.problem("models", "must list at least one model (or '*'), or set discover_models: true");
            }
            ConfigReader t = u.section("timeouts");
            t.allowOnly(Set.of("connect_ms", "first_byte_ms", "idle_ms"));
            ConfigReader rt = u.section("retry");
            rt.allowOnly(Set.of("max_attempts", "backoff_ms"));
            ConfigReader b = u.section("circuit_breaker");
            b.allowOnly(Set.of("failure_rate_threshold", "sliding_window", "minimum_calls", "open_ms"));
            out.add(new GatewayConfig.Upstream(
                    name,
                    baseUrl == null ? null : stripSlash(baseUrl),
                    u.string("api_key_env", null),
                    models,
                    discover,
                    u.integer("model_refresh_ms", Defaults.MODEL_REFRESH_MS, 1_000, 86_400_000),
                    u.bool("forward_client_authorization", false),
                    new GatewayConfig.Timeouts(
                            t.integer("connect_ms", Defaults.UPSTREAM_CONNECT_TIMEOUT_MS, 1, 600_000),
                            t.integer("first_byte_ms", Defaults.UPSTREAM_FIRST_BYTE_TIMEOUT_MS, 1, 3_600_000),
                            t.integer("idle_ms", Defaults.UPSTREAM_IDLE_TIMEOUT_MS, 1, 3_600_000)),
                    new GatewayConfig.Retry(
                            (int) rt.integer("max_attempts", Defaults.UPSTREAM_MAX_ATTEMPTS, 1, 10),
                            rt.integer("backoff_ms", Defaults.UPSTREAM_RETRY_BACKOFF_MS, 0, 60_000)),
                    new GatewayConfig.Breaker(
                            (int) b.integer("failure_rate_threshold", Defaults.BREAKER_FAILURE_RATE, 1, 100),
                            (int) b.integer("sliding_window", Defaults.BREAKER_WINDOW, 1, 10_000),
                            (int) b.integer("minimum_calls", Defaults.BREAKER_MINIMUM_CALLS, 1, 10_000),
                            b.integer("open_ms", Defaults.BREAKER_OPEN_MS, 1, 3_600_000)),
                    (int) u.integer("max_concurrent", Defaults.BULKHEAD_MAX_CONCURRENT, 1, 100_000),
                    (int) u.integer("pool_size", Defaults.UPSTREAM_POOL_SIZE, 1, 10_000),
                    u.string("fallback", null)));
        }
        for (int i = 0; i < out.size(); i++) {
            String fallback = out.get(i).fallback();
            if (fallback != null && (!names.contains(fallback) || fallback.equals(out.get(i).name()))) {
                root.problem("upstreams[" + i + "].fallback", "must name another upstream, but was '" + fallback + "'"
                        + Suggest.nearest(fallback, names).map(s -> " (did you mean '" + s + "'?)").orElse(""));
            }
        }
        return out;
    }

    private static GatewayConfig.DecisionLogConfig decisionLog(ConfigReader r) {
        r.allowOnly(Set.of("enabled", "max_file_mb", "keep_files", "flush_ms", "content_logging"));
        return new GatewayConfig.DecisionLogConfig(
                r.bool("enabled", Defaults.DECISION_LOG_ENABLED),
                r.integer("max_file_mb", Defaults.DECISION_LOG_MAX_FILE_MB, 1, 100_000) * 1024 * 1024,
                (int) r.integer("keep_files", Defaults.DECISION_LOG_KEEP_FILES, 1, 100_000),
                r.integer("flush_ms", Defaults.DECISION_LOG_FLUSH_MS, 10, 1000),
                r.bool("content_logging", false));
    }

    private static GatewayConfig.Classifiers classifiers(ConfigReader r) {
        r.allowOnly(Set.of("patterns", "embedded", "embedded_workers", "embedded_threads", "embedded_max_batch", "embedded_queue",
                "timeout_ms", "cache", "remote", "reward", "models"));
        List<LlamaGuardConfig> remote = new ArrayList<>();
        List<ConfigReader> sections = r.sections("remote");
        for (int i = 0; i < sections.size(); i++) {
            ConfigReader section = sections.get(i);
            Object type = section.rawSelf().getOrDefault("type", "llama_guard");
            if (!"llama_guard".equals(type)) {
                section.problem("type", "must be llama_guard, but was '" + type + "'");
                continue;
            }
            try {
                remote.add(LlamaGuardConfig.parse(section.rawSelf(), r.path("remote") + "[" + i + "]"));
            } catch (IllegalArgumentException e) {
                r.problemLines(e.getMessage());
            }
        }
        List<RewardConfig> reward = new ArrayList<>();
        List<ConfigReader> rewardSections = r.sections("reward");
        java.util.Set<String> rewardNames = new java.util.HashSet<>();
        List<OnnxRewardScorer.Config> onnxReward = new ArrayList<>();
        for (int i = 0; i < rewardSections.size(); i++) {
            String path = r.path("reward") + "[" + i + "]";
            try {
                String name;
                if (OnnxRewardScorer.TYPE.equals(rewardSections.get(i).rawSelf().get("type"))) {
                    OnnxRewardScorer.Config c = OnnxRewardScorer.Config.parse(rewardSections.get(i).rawSelf(), path);
                    onnxReward.add(c);
                    name = c.name();
                } else {
                    RewardConfig c = RewardConfig.parse(rewardSections.get(i).rawSelf(), path);
                    reward.add(c);
                    name = c.name();
                }
                if (!rewardNames.add(name)) {
                    r.problems().add(path + ".name: a second scorer named '" + name + "'");
                }
            } catch (IllegalArgumentException e) {
                r.problemLines(e.getMessage());
            }
        }
        List<SequenceClassifierConfig> models = new ArrayList<>();
        List<ConfigReader> modelSections = r.sections("models");
        for (int i = 0; i < modelSections.size(); i++) {
            try {
                models.add(SequenceClassifierConfig.parse(modelSections.get(i).rawSelf(), r.path("models") + "[" + i + "]"));
            } catch (IllegalArgumentException e) {
                r.problemLines(e.getMessage());
            }
        }
        ConfigReader cache = r.section("cache");
        cache.allowOnly(Set.of("max_entries", "ttl_ms"));
        return new GatewayConfig.Classifiers(
                r.bool("patterns", true),
                r.bool("embedded", Defaults.EMBEDDED_CLASSIFIER),
                (int) r.integer("embedded_workers", 1, 1, 64),
                (int) r.integer("embedded_threads", 2, 1, 64),
                (int) r.integer("embedded_max_batch", 32, 1, 1024),
                (int) r.integer("embedded_queue", 1024, 1, 1_000_000),
                r.integer("timeout_ms", Defaults.CLASSIFIER_TIMEOUT_MS, 1, 600_000),
                cache.integer("max_entries", 10_000, 0, 100_000_000),
                cache.integer("ttl_ms", 600_000, 1, 86_400_000),
                remote, reward, onnxReward, models);
    }

    private static void checkUrl(ConfigReader r, String key, String url) {
        try {
            URI uri = URI.create(url);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                r.problem(key, "must be an absolute http(s) URL, but was '" + url + "'");
            }
        } catch (IllegalArgumentException e) {
            r.problem(key, "must be an absolute http(s) URL, but was '" + url + "'");
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid YAML";
        }
        return message.replace('\n', ' ').trim();
    }

    /** Command-line flags, which win over the file. Null means "not given". */
    public record Overrides(String upstream, String policy, Integer port, Integer adminPort, String dataDir) {
        public static final Overrides NONE = new Overrides(null, null, null, null, null);
    }
}
