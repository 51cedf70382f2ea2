package dev.rampart.gateway.config;

import dev.rampart.classifier.cascade.CascadeSettings;
import dev.rampart.classifier.llamaguard.LlamaGuardConfig;
import dev.rampart.classifier.remote.RemoteGuardConfig;
import dev.rampart.classifier.onnx.SequenceClassifierConfig;
import dev.rampart.classifier.reward.OnnxRewardScorer;
import dev.rampart.classifier.reward.RewardConfig;
import dev.rampart.config.ConfigNode;
import dev.rampart.config.ConfigProblem;
import dev.rampart.config.DidYouMean;
import dev.rampart.config.YamlReader;
import dev.rampart.policy.PolicySet;
import dev.rampart.trust.TrustConfig;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parses {@code gateway.yaml} into a {@link GatewayConfig}, reporting every problem with its source, line and path.
 * Never throws for user errors: the caller decides (exit non-zero at start-up). Defaults are the {@code DEFAULT_*}
 * constants of the {@link GatewayConfig} records; the keys each section accepts are listed here
 * ({@link #keysBySection()}), and {@code conf/gateway.schema.json} lists the same ones (a test keeps them equal).
 */
public final class ConfigLoader {
    static final Set<String> ROOT_KEYS = Set.of("server", "policy", "upstreams", "identity", "trust", "classifiers",
            "decision_log", "limits");
    static final Set<String> SERVER_KEYS = Set.of("host", "port", "admin_host", "admin_port", "admin_token_env",
            "data_dir", "max_body_bytes", "max_json_depth", "max_header_bytes", "max_uri_length", "idle_timeout_ms",
            "body_read_timeout_ms", "request_timeout_ms", "stream_write_queue_bytes", "allow_anonymous",
            "max_headers", "allowed_hosts");
    static final Set<String> POLICY_KEYS = Set.of("file", "watch", "watch_interval_ms", "bindings", "shadow");
    static final Set<String> BINDING_KEYS = Set.of("key", "tenant", "model", "file");
    static final Set<String> UPSTREAM_KEYS = Set.of("name", "base_url", "api_key_env", "models", "discover_models",
            "model_refresh_ms", "forward_client_authorization", "forward_client_headers", "timeouts", "retry", "circuit_breaker",
            "max_concurrent", "pool_size", "fallback");
    static final Set<String> TIMEOUT_KEYS = Set.of("connect_ms", "first_byte_ms", "idle_ms", "stream_total_ms",
            "stream_silence_ms");
    static final Set<String> RETRY_KEYS = Set.of("max_attempts", "backoff_ms");
    static final Set<String> BREAKER_KEYS = Set.of("failure_rate_threshold", "sliding_window", "minimum_calls",
            "open_ms");
    static final Set<String> DECISION_LOG_KEYS = Set.of("enabled", "max_file_mb", "keep_files", "flush_ms",
            "content_logging", "max_queued", "fail_closed");
    static final Set<String> CLASSIFIER_KEYS = Set.of("patterns", "embedded", "embedded_workers", "embedded_threads",
            "embedded_max_batch", "embedded_queue", "timeout_ms", "cache", "remote", "reward", "models", "cascade",
            "max_classified_chars");
    static final Set<String> CACHE_KEYS = Set.of("max_entries", "ttl_ms");
    static final Set<String> CASCADE_KEYS = Set.of("first", "second", "name", "pass_below", "decide_at",
            "on_second_error");

    private ConfigLoader() {
    }

    /** Either a valid config or every problem found, each with its source, line and path. */
    public record Result(GatewayConfig config, List<ConfigProblem> problems) {
        public Result {
            problems = List.copyOf(problems);
        }

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /**
     * The keys every section this reader owns accepts, by schema path ({@code ""} the root, {@code upstreams[]} an
     * item of a list). Sections other modules read ({@code identity}, {@code trust}, classifier items) are theirs.
     */
    public static Map<String, Set<String>> keysBySection() {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        out.put("", ROOT_KEYS);
        out.put("server", SERVER_KEYS);
        out.put("policy", POLICY_KEYS);
        out.put("policy.bindings[]", BINDING_KEYS);
        out.put("upstreams[]", UPSTREAM_KEYS);
        out.put("upstreams[].timeouts", TIMEOUT_KEYS);
        out.put("upstreams[].retry", RETRY_KEYS);
        out.put("upstreams[].circuit_breaker", BREAKER_KEYS);
        out.put("decision_log", DECISION_LOG_KEYS);
        out.put("classifiers", CLASSIFIER_KEYS);
        out.put("classifiers.cache", CACHE_KEYS);
        out.put("classifiers.cascade", CASCADE_KEYS);
        // limits: read by the trust module's LimitsConfig
        Set<String> tiers = Set.of("tier0", "tier1", "tier2", "tier3");
        out.put("limits", Set.of("key", "tenant", "subject", "moderation_inputs", "classifier_share"));
        for (String scope : List.of("key", "tenant", "subject")) {
            out.put("limits." + scope, tiers);
            for (String tier : tiers) {
                out.put("limits." + scope + "." + tier, Set.of("requests_per_s", "concurrent", "tokens_per_min",
                        "tokens_per_day"));
            }
        }
        out.put("limits.moderation_inputs", tiers);
        TrustConfig.keysBySection().forEach(out::put);
        return out;
    }

    /** The embedded defaults: no upstream, built-in policy, patterns and the embedded model on. */
    public static Result defaults() {
        return parse("(defaults)", "{}", Overrides.NONE);
    }

    public static Result load(Path file, Overrides overrides) {
        List<ConfigProblem> problems = new ArrayList<>();
        return build(YamlReader.read(file, problems), overrides);
    }

    public static Result parse(String source, String yaml, Overrides overrides) {
        List<ConfigProblem> problems = new ArrayList<>();
        return build(YamlReader.parse(source, yaml, problems), overrides);
    }

    private static Result build(ConfigNode document, Overrides overrides) {
        if (!document.problems().isEmpty()) {
            return new Result(null, document.problems());
        }
        ConfigNode root = document.mapping().allowOnly(ROOT_KEYS);
        GatewayConfig config = new GatewayConfig(
                server(root.section("server", SERVER_KEYS), overrides),
                policy(root.section("policy", POLICY_KEYS), overrides),
                upstreams(root, overrides),
                TrustConfig.read(root.get("identity"), root.get("trust")),
                classifiers(root.section("classifiers", CLASSIFIER_KEYS)),
                decisionLog(root.section("decision_log", DECISION_LOG_KEYS)),
                limits(root.get("limits")));
        refuseOpenRelay(root, config);
        List<ConfigProblem> problems = root.problems();
        return new Result(problems.isEmpty() ? config : null, problems);
    }

    /**
     * A public bind (not loopback) with no API key or JWT issuer configured would serve anyone who can reach it with
     * the operator's upstream keys: refused unless {@code server.allow_anonymous: true} says it is meant.
     */
    private static void refuseOpenRelay(ConfigNode root, GatewayConfig config) {
        GatewayConfig.Server s = config.server();
        if (!loopback(s.host()) && !config.trust().credentialsRequired() && !s.allowAnonymous()) {
            ConfigNode server = root.get("server");
            ConfigNode at = server.isMapping() && server.has("host") ? server : root;
            at.report(new ConfigProblem(at.source(), at.isMapping() && at.has("host") ? at.get("host").line() : at.line(),
                    "server.host", "binds " + s.host() + " with no identity configured: anyone who reaches it spends "
                    + "the upstream keys. Configure identity.api_keys or identity.jwt, bind 127.0.0.1, or set "
                    + "server.allow_anonymous: true"));
        }
    }

    static boolean loopback(String host) {
        return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1") || host.equals("[::1]")
                || host.startsWith("127.");
    }

    /** The {@code limits:} section, read by the trust module's own parser; its problems keep their lines. */
    private static dev.rampart.trust.limits.LimitsConfig limits(ConfigNode section) {
        dev.rampart.trust.limits.LimitsConfig.Result limits =
                dev.rampart.trust.limits.LimitsConfig.parse(section.present() ? section.plainMap() : null);
        ClassifierSectionProblems.report(section, limits.problems());
        return limits.config() != null ? limits.config() : dev.rampart.trust.limits.LimitsConfig.NONE;
    }

    private static GatewayConfig.Server server(ConfigNode r, Overrides o) {
        int port = (int) r.integer("port", GatewayConfig.Server.DEFAULT_PORT, 0, 65535);
        int adminPort = (int) r.integer("admin_port", GatewayConfig.Server.DEFAULT_ADMIN_PORT, 0, 65535);
        String tokenEnv = r.string("admin_token_env", null);
        String token = tokenEnv == null ? null : System.getenv(tokenEnv);
        return new GatewayConfig.Server(
                r.string("host", GatewayConfig.Server.DEFAULT_HOST),
                o.port() != null ? o.port() : port,
                r.string("admin_host", GatewayConfig.Server.DEFAULT_ADMIN_HOST),
                o.adminPort() != null ? o.adminPort() : adminPort,
                tokenEnv,
                token,
                o.dataDir() != null ? o.dataDir() : r.string("data_dir", GatewayConfig.Server.DEFAULT_DATA_DIR),
                r.integer("max_body_bytes", GatewayConfig.Server.DEFAULT_MAX_BODY_BYTES, 1024, 256L * 1024 * 1024),
                (int) r.integer("max_json_depth", GatewayConfig.Server.DEFAULT_MAX_JSON_DEPTH, 4, 1000),
                (int) r.integer("max_header_bytes", GatewayConfig.Server.DEFAULT_MAX_HEADER_BYTES, 1024, 1024 * 1024),
                (int) r.integer("max_uri_length", GatewayConfig.Server.DEFAULT_MAX_URI_LENGTH, 256, 1024 * 1024),
                r.integer("idle_timeout_ms", GatewayConfig.Server.DEFAULT_IDLE_TIMEOUT_MS, 100, 3_600_000),
                r.integer("body_read_timeout_ms", GatewayConfig.Server.DEFAULT_BODY_READ_TIMEOUT_MS, 100, 3_600_000),
                r.integer("request_timeout_ms", GatewayConfig.Server.DEFAULT_REQUEST_TIMEOUT_MS, 100, 3_600_000),
                (int) r.integer("stream_write_queue_bytes", GatewayConfig.Server.DEFAULT_STREAM_WRITE_QUEUE_BYTES,
                        1024, 64 * 1024 * 1024),
                r.bool("allow_anonymous", GatewayConfig.Server.DEFAULT_ALLOW_ANONYMOUS),
                (int) r.integer("max_headers", GatewayConfig.Server.DEFAULT_MAX_HEADERS, 16, 10_000),
                allowedHosts(r));
    }

    /** Host names (no port) the public port answers for; empty: any. Lower-cased, each checked to be a host name. */
    private static List<String> allowedHosts(ConfigNode r) {
        List<String> hosts = new ArrayList<>();
        List<ConfigNode> items = r.list("allowed_hosts");
        for (int i = 0; i < items.size(); i++) {
            String host = items.get(i).asString();
            if (host == null) {
                continue;
            }
            String h = host.trim().toLowerCase(Locale.ROOT);
            if (!h.matches("[a-z0-9.-]+|\\[[0-9a-f:.]+\\]")) {
                r.problem("allowed_hosts[" + i + "]", "must be a host name or address without a port, but was '" + host + "'");
                continue;
            }
            hosts.add(h);
        }
        return List.copyOf(hosts);
    }

    private static GatewayConfig.PolicySource policy(ConfigNode r, Overrides o) {
        List<PolicySet.Binding> bindings = new ArrayList<>();
        for (ConfigNode item : r.list("bindings")) {
            ConfigNode b = item.mapping().allowOnly(BINDING_KEYS);
            if (!b.present()) {
                continue;
            }
            List<PolicySet.Scope> scopes = new ArrayList<>();
            for (PolicySet.Scope scope : PolicySet.Scope.values()) {
                if (b.has(scope.name().toLowerCase(Locale.ROOT))) {
                    scopes.add(scope);
                }
            }
            String file = b.requiredString("file");
            if (scopes.size() != 1) {
                b.problem("key", "each binding names exactly one of key, tenant, model, but this one names "
                        + scopes.size());
                continue;
            }
            String match = b.requiredString(scopes.get(0).name().toLowerCase(Locale.ROOT));
            if (file != null && match != null) {
                bindings.add(new PolicySet.Binding(scopes.get(0), match, file));
            }
        }
        return new GatewayConfig.PolicySource(
                o.policy() != null ? o.policy() : r.string("file", GatewayConfig.PolicySource.DEFAULT_FILE),
                r.bool("watch", GatewayConfig.PolicySource.DEFAULT_WATCH),
                r.integer("watch_interval_ms", GatewayConfig.PolicySource.DEFAULT_WATCH_INTERVAL_MS, 50, 3_600_000),
                bindings, r.string("shadow", null));
    }

    private static List<GatewayConfig.Upstream> upstreams(ConfigNode root, Overrides o) {
        if (o.upstream() != null) {
            String url = o.upstream();
            checkUrl(root.get("--upstream"), url);
            return List.of(new GatewayConfig.Upstream("default", stripSlash(url), null, List.of(), true,
                    GatewayConfig.Upstream.DEFAULT_MODEL_REFRESH_MS,
                    GatewayConfig.Upstream.DEFAULT_FORWARD_CLIENT_AUTHORIZATION,
                    GatewayConfig.Upstream.DEFAULT_FORWARD_CLIENT_HEADERS, GatewayConfig.Timeouts.DEFAULTS,
                    GatewayConfig.Retry.DEFAULTS, GatewayConfig.Breaker.DEFAULTS,
                    GatewayConfig.Upstream.DEFAULT_MAX_CONCURRENT, GatewayConfig.Upstream.DEFAULT_POOL_SIZE, null));
        }
        List<GatewayConfig.Upstream> out = new ArrayList<>();
        List<ConfigNode> fallbacks = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ConfigNode item : root.list("upstreams")) {
            ConfigNode u = item.mapping().allowOnly(UPSTREAM_KEYS);
            if (!u.present()) {
                continue;
            }
            String name = u.requiredString("name");
            if (name != null && !names.add(name)) {
                u.problem("name", "duplicate upstream name '" + name + "'");
            }
            String baseUrl = u.requiredString("base_url");
            if (baseUrl != null) {
                checkUrl(u.get("base_url"), baseUrl);
            }
            List<String> models = u.strings("models");
            boolean discover = u.bool("discover_models", models.isEmpty());
            if (models.isEmpty() && !discover) {
                u.problem("models", "must list at least one model (or '*'), or set discover_models: true");
            }
            out.add(new GatewayConfig.Upstream(
                    name,
                    baseUrl == null ? null : stripSlash(baseUrl),
                    u.string("api_key_env", null),
                    models,
                    discover,
                    u.integer("model_refresh_ms", GatewayConfig.Upstream.DEFAULT_MODEL_REFRESH_MS, 1_000, 86_400_000),
                    u.bool("forward_client_authorization", GatewayConfig.Upstream.DEFAULT_FORWARD_CLIENT_AUTHORIZATION),
                    forwardClientHeaders(u.get("forward_client_headers")),
                    timeouts(u.section("timeouts", TIMEOUT_KEYS)),
                    retry(u.section("retry", RETRY_KEYS)),
                    breaker(u.section("circuit_breaker", BREAKER_KEYS)),
                    (int) u.integer("max_concurrent", GatewayConfig.Upstream.DEFAULT_MAX_CONCURRENT, 1, 100_000),
                    (int) u.integer("pool_size", GatewayConfig.Upstream.DEFAULT_POOL_SIZE, 1, 10_000),
                    u.string("fallback", null)));
            fallbacks.add(u.get("fallback"));
        }
        for (int i = 0; i < out.size(); i++) {
            String fallback = out.get(i).fallback();
            if (fallback != null && (!names.contains(fallback) || fallback.equals(out.get(i).name()))) {
                fallbacks.get(i).problem("must name another upstream, but was '" + fallback + "'"
                        + DidYouMean.hint(fallback, names));
            }
        }
        return out;
    }

    /** The allow-list of caller headers an upstream receives: names from the forwardable ones, any case, no repeats. */
    private static List<String> forwardClientHeaders(ConfigNode list) {
        if (!list.present()) {
            return GatewayConfig.Upstream.DEFAULT_FORWARD_CLIENT_HEADERS;
        }
        List<String> out = new ArrayList<>();
        for (ConfigNode item : list.items()) {
            String name = item.asString();
            if (name == null) {
                continue;
            }
            String lower = name.toLowerCase(Locale.ROOT);
            if (!GatewayConfig.Upstream.FORWARDABLE_CLIENT_HEADERS.contains(lower)) {
                item.problem("must be one of " + String.join(", ", GatewayConfig.Upstream.FORWARDABLE_CLIENT_HEADERS)
                        + ", but was '" + name + "'" + DidYouMean.hint(lower, GatewayConfig.Upstream.FORWARDABLE_CLIENT_HEADERS));
            } else if (out.contains(lower)) {
                item.problem("names '" + lower + "' twice");
            } else {
                out.add(lower);
            }
        }
        return out;
    }

    private static GatewayConfig.Timeouts timeouts(ConfigNode t) {
        return new GatewayConfig.Timeouts(
                t.integer("connect_ms", GatewayConfig.Timeouts.DEFAULT_CONNECT_MS, 1, 600_000),
                t.integer("first_byte_ms", GatewayConfig.Timeouts.DEFAULT_FIRST_BYTE_MS, 1, 3_600_000),
                t.integer("idle_ms", GatewayConfig.Timeouts.DEFAULT_IDLE_MS, 1, 3_600_000),
                t.integer("stream_total_ms", GatewayConfig.Timeouts.DEFAULT_STREAM_TOTAL_MS, 0, 86_400_000),
                t.integer("stream_silence_ms", GatewayConfig.Timeouts.DEFAULT_STREAM_SILENCE_MS, 0, 3_600_000));
    }

    private static GatewayConfig.Retry retry(ConfigNode r) {
        return new GatewayConfig.Retry(
                (int) r.integer("max_attempts", GatewayConfig.Retry.DEFAULT_MAX_ATTEMPTS, 1, 10),
                r.integer("backoff_ms", GatewayConfig.Retry.DEFAULT_BACKOFF_MS, 0, 60_000));
    }

    private static GatewayConfig.Breaker breaker(ConfigNode b) {
        return new GatewayConfig.Breaker(
                (int) b.integer("failure_rate_threshold", GatewayConfig.Breaker.DEFAULT_FAILURE_RATE_THRESHOLD, 1, 100),
                (int) b.integer("sliding_window", GatewayConfig.Breaker.DEFAULT_SLIDING_WINDOW, 1, 10_000),
                (int) b.integer("minimum_calls", GatewayConfig.Breaker.DEFAULT_MINIMUM_CALLS, 1, 10_000),
                b.integer("open_ms", GatewayConfig.Breaker.DEFAULT_OPEN_MS, 1, 3_600_000));
    }

    private static GatewayConfig.DecisionLogConfig decisionLog(ConfigNode r) {
        return new GatewayConfig.DecisionLogConfig(
                r.bool("enabled", GatewayConfig.DecisionLogConfig.DEFAULT_ENABLED),
                r.integer("max_file_mb", GatewayConfig.DecisionLogConfig.DEFAULT_MAX_FILE_MB, 1, 100_000) * 1024 * 1024,
                (int) r.integer("keep_files", GatewayConfig.DecisionLogConfig.DEFAULT_KEEP_FILES, 1, 100_000),
                r.integer("flush_ms", GatewayConfig.DecisionLogConfig.DEFAULT_FLUSH_MS, 10, 1000),
                r.bool("content_logging", GatewayConfig.DecisionLogConfig.DEFAULT_CONTENT_LOGGING),
                (int) r.integer("max_queued", GatewayConfig.DecisionLogConfig.DEFAULT_MAX_QUEUED, 1, 10_000_000),
                r.bool("fail_closed", GatewayConfig.DecisionLogConfig.DEFAULT_FAIL_CLOSED));
    }

    private static GatewayConfig.Classifiers classifiers(ConfigNode r) {
        List<LlamaGuardConfig> remote = new ArrayList<>();
        List<RemoteGuardConfig> guards = new ArrayList<>();
        Set<String> remoteNames = new HashSet<>();
        for (ConfigNode item : r.list("remote")) {
            ConfigNode section = item.mapping();
            if (!section.present()) {
                continue;
            }
            String type = section.string("type", "llama_guard");
            if (!"llama_guard".equals(type) && !RemoteGuardConfig.TYPES.contains(type)) {
                section.problem("type", "must be llama_guard, " + String.join(" or ", RemoteGuardConfig.TYPES)
                        + ", but was '" + type + "'");
                continue;
            }
            try {
                String name;
                if ("llama_guard".equals(type)) {
                    LlamaGuardConfig c = LlamaGuardConfig.parse(section.plainMap(), section.path());
                    remote.add(c);
                    name = c.name();
                } else {
                    RemoteGuardConfig c = RemoteGuardConfig.parse(section.plainMap(), section.path());
                    guards.add(c);
                    name = c.name();
                }
                if (!remoteNames.add(name)) {
                    section.problem("name", "a second remote classifier named '" + name + "'");
                }
            } catch (IllegalArgumentException e) {
                ClassifierSectionProblems.report(section, e);
            }
        }
        List<RewardConfig> reward = new ArrayList<>();
        List<OnnxRewardScorer.Config> onnxReward = new ArrayList<>();
        Set<String> rewardNames = new HashSet<>();
        for (ConfigNode item : r.list("reward")) {
            ConfigNode section = item.mapping();
            if (!section.present()) {
                continue;
            }
            try {
                String name;
                if (OnnxRewardScorer.TYPE.equals(section.string("type", null))) {
                    OnnxRewardScorer.Config c = OnnxRewardScorer.Config.parse(section.plainMap(), section.path());
                    onnxReward.add(c);
                    name = c.name();
                } else {
                    RewardConfig c = RewardConfig.parse(section.plainMap(), section.path());
                    reward.add(c);
                    name = c.name();
                }
                if (!rewardNames.add(name)) {
                    section.problem("name", "a second scorer named '" + name + "'");
                }
            } catch (IllegalArgumentException e) {
                ClassifierSectionProblems.report(section, e);
            }
        }
        List<SequenceClassifierConfig> models = new ArrayList<>();
        for (ConfigNode item : r.list("models")) {
            ConfigNode section = item.mapping();
            if (!section.present()) {
                continue;
            }
            try {
                models.add(SequenceClassifierConfig.parse(section.plainMap(), section.path()));
            } catch (IllegalArgumentException e) {
                ClassifierSectionProblems.report(section, e);
            }
        }
        ConfigNode cache = r.section("cache", CACHE_KEYS);
        boolean embedded = r.bool("embedded", GatewayConfig.Classifiers.DEFAULT_EMBEDDED);
        Optional<GatewayConfig.Cascade> cascade = cascade(r.section("cascade", CASCADE_KEYS), embedded, remoteNames);
        return new GatewayConfig.Classifiers(
                r.bool("patterns", GatewayConfig.Classifiers.DEFAULT_PATTERNS),
                embedded,
                (int) r.integer("embedded_workers", GatewayConfig.Classifiers.DEFAULT_EMBEDDED_WORKERS, 1, 64),
                (int) r.integer("embedded_threads", GatewayConfig.Classifiers.DEFAULT_EMBEDDED_THREADS, 1, 64),
                (int) r.integer("embedded_max_batch", GatewayConfig.Classifiers.DEFAULT_EMBEDDED_MAX_BATCH, 1, 1024),
                (int) r.integer("embedded_queue", GatewayConfig.Classifiers.DEFAULT_EMBEDDED_QUEUE, 1, 1_000_000),
                r.integer("timeout_ms", GatewayConfig.Classifiers.DEFAULT_TIMEOUT_MS, 1, 600_000),
                cache.integer("max_entries", GatewayConfig.Classifiers.DEFAULT_CACHE_MAX_ENTRIES, 0, 100_000_000),
                cache.integer("ttl_ms", GatewayConfig.Classifiers.DEFAULT_CACHE_TTL_MS, 1, 86_400_000),
                remote, guards, reward, onnxReward, models, cascade,
                (int) r.integer("max_classified_chars", GatewayConfig.Classifiers.DEFAULT_MAX_CLASSIFIED_CHARS, 1_000,
                        100_000_000));
    }

    /**
     * {@code classifiers.cascade}, absent when the section is: {@code first} must be the embedded model (and it must be
     * on), {@code second} a {@code classifiers.remote} entry's name; the band keys are {@link CascadeSettings}'s.
     */
    private static Optional<GatewayConfig.Cascade> cascade(ConfigNode c, boolean embedded, Set<String> remoteNames) {
        if (!c.present()) {
            return Optional.empty();
        }
        String first = c.string("first", GatewayConfig.Cascade.EMBEDDED);
        if (!GatewayConfig.Cascade.EMBEDDED.equals(first)) {
            c.problem("first", "must be embedded (the cascade's first stage is the embedded model), but was '"
                    + first + "'");
        } else if (!embedded) {
            c.problem("first", "names the embedded model, but classifiers.embedded is false");
        }
        String second = c.requiredString("second");
        if (second != null && !remoteNames.contains(second)) {
            c.problem("second", "must name a classifiers.remote entry, but was '" + second + "'"
                    + (remoteNames.isEmpty() ? " (none is configured)"
                            : DidYouMean.hint(second, remoteNames) + " (configured: "
                            + String.join(", ", new java.util.TreeSet<>(remoteNames)) + ")"));
        }
        Map<String, Object> band = new LinkedHashMap<>(c.plainMap());
        band.keySet().retainAll(Set.of("name", "pass_below", "decide_at", "on_second_error")); // the rest reported above
        try {
            CascadeSettings settings = CascadeSettings.parse(band, c.path());
            if (remoteNames.contains(settings.name()) || GatewayConfig.Cascade.EMBEDDED.equals(settings.name())) {
                c.problem("name", "'" + settings.name() + "' is already a classifier's name");
            }
            return second == null ? Optional.empty()
                    : Optional.of(new GatewayConfig.Cascade(first, second, settings));
        } catch (IllegalArgumentException e) {
            ClassifierSectionProblems.report(c, e);
            return Optional.empty();
        }
    }

    private static void checkUrl(ConfigNode at, String url) {
        try {
            URI uri = URI.create(url);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                at.problem("must be an absolute http(s) URL, but was '" + url + "'");
            }
        } catch (IllegalArgumentException e) {
            at.problem("must be an absolute http(s) URL, but was '" + url + "'");
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Command-line flags, which win over the file. Null means "not given". */
    public record Overrides(String upstream, String policy, Integer port, Integer adminPort, String dataDir) {
        public static final Overrides NONE = new Overrides(null, null, null, null, null);
    }
}
