package dev.rampart.trust;

import dev.rampart.config.ConfigNode;
import dev.rampart.config.ConfigProblem;
import dev.rampart.trust.identity.ApiKey;
import dev.rampart.trust.identity.AuthorityMapping;
import dev.rampart.trust.identity.JwtIssuer;
import dev.rampart.trust.model.TrustModelConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code identity:} and {@code trust:} sections of {@code gateway.yaml}, validated with every problem reported
 * with its path. Defaults: no keys (everyone anonymous), {@link AuthorityMapping#DEFAULTS},
 * {@link TrustModelConfig#DEFAULTS}, embedded store, 1 s near-cache, 500 ms commit delay.
 *
 * <pre>
 * identity:
 *   api_keys:
 *     - { id: clinic-app, sha256: 64-hex, subject: clinic-app, tenant: clinic, authority: { role: clinician } }
 *   authority:
 *     values: { role: { clinician: 1.0, staff: 0.6 }, verified: { "true": 0.5 } }
 *     trust_claim: trust
 * trust:
 *   near_cache_ms: 1000
 *   commit_delay_ms: 500
 *   read_timeout_ms: 100              # a slower store read → the strictest tier (degraded)
 *   max_sub_subjects: 1000            # per-user sub-histories kept per key / JWT subject
 *   redis_password_env: RAMPART_REDIS_PASSWORD   # env var holding the Redis password (requirepass)
 *   model: { authority_weight: 0.6, block_weight: 4.0, flag_weight: 1.0, clean_weight: 0.02,
 *            max_gain_per_window: 0.1, gain_window_s: 3600, positive_half_life_h: 720,
 *            negative_half_life_h: 336, penalty_pivot: 0.5, tier_thresholds: [0.3, 0.55, 0.75] }
 * </pre>
 */
public record TrustConfig(List<ApiKey> apiKeys, List<JwtIssuer> issuers, AuthorityMapping authority,
                          TrustModelConfig model, Duration nearCacheTtl, int commitDelayMs, String redisUri,
                          Duration readTimeout, int maxSubSubjects, String redisPasswordEnv) {
    static final Set<String> IDENTITY_KEYS = Set.of("api_keys", "jwt", "authority");
    static final Set<String> TRUST_KEYS = Set.of("near_cache_ms", "commit_delay_ms", "model", "redis",
            "read_timeout_ms", "max_sub_subjects", "redis_password_env");
    static final Set<String> API_KEY_KEYS = Set.of("id", "sha256", "subject", "tenant", "authority");
    static final Set<String> JWT_KEYS = Set.of("issuer", "audience", "jwks_file", "jwks_url", "leeway_s",
            "subject_claim", "tenant_claim", "authority_claims", "refresh_s", "max_lifetime_s", "refetch_interval_s");
    static final Set<String> AUTHORITY_KEYS = Set.of("values", "trust_claim");
    static final Set<String> MODEL_KEYS = Set.of("prior_positive", "prior_negative", "clean_weight", "flag_weight",
            "block_weight", "positive_half_life_h", "negative_half_life_h", "gain_window_s", "max_gain_per_window",
            "authority_weight", "penalty_pivot", "tier_thresholds");

    public static final long DEFAULT_NEAR_CACHE_MS = 1000;
    public static final int DEFAULT_COMMIT_DELAY_MS = 500;
    public static final int DEFAULT_JWT_LEEWAY_S = 30;
    public static final int DEFAULT_JWT_REFRESH_S = 300;
    public static final String DEFAULT_SUBJECT_CLAIM = "sub";
    public static final String DEFAULT_TENANT = "default";
    public static final long DEFAULT_READ_TIMEOUT_MS = 100;
    public static final int DEFAULT_MAX_SUB_SUBJECTS = 1000;
    /** Default longest lifetime ({@code exp} ahead of now) a JWT may have. */
    public static final int DEFAULT_JWT_MAX_LIFETIME_S = 86_400;
    public static final int DEFAULT_JWT_REFETCH_INTERVAL_S = 30;

    public static final TrustConfig DEFAULTS = new TrustConfig(List.of(), List.of(), AuthorityMapping.DEFAULTS,
            TrustModelConfig.DEFAULTS, Duration.ofMillis(DEFAULT_NEAR_CACHE_MS), DEFAULT_COMMIT_DELAY_MS, null,
            Duration.ofMillis(DEFAULT_READ_TIMEOUT_MS), DEFAULT_MAX_SUB_SUBJECTS, null);

    public TrustConfig {
        apiKeys = List.copyOf(apiKeys);
        issuers = List.copyOf(issuers);
    }

    /** Whether callers must authenticate (any key or issuer configured). */
    public boolean credentialsRequired() {
        return !apiKeys.isEmpty() || !issuers.isEmpty();
    }

    /** The keys each section this reader owns accepts, by schema path ({@code identity.jwt[]} an item of a list). */
    public static Map<String, Set<String>> keysBySection() {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        out.put("identity", IDENTITY_KEYS);
        out.put("identity.api_keys[]", API_KEY_KEYS);
        out.put("identity.jwt[]", JWT_KEYS);
        out.put("identity.authority", AUTHORITY_KEYS);
        out.put("trust", TRUST_KEYS);
        out.put("trust.model", MODEL_KEYS);
        return out;
    }

    /**
     * Reads the {@code identity:} and {@code trust:} sections; every problem goes to the nodes' problem list with its
     * line and path, and the sections' defaults fill what is missing or wrong.
     */
    public static TrustConfig read(ConfigNode identityNode, ConfigNode trustNode) {
        ConfigNode identity = identityNode.mapping().allowOnly(IDENTITY_KEYS);
        ConfigNode trust = trustNode.mapping().allowOnly(TRUST_KEYS);
        List<JwtIssuer> issuers = issuers(identity.list("jwt"));
        String redis = trust.string("redis", null);
        if (redis != null && !redis.startsWith("redis://")) {
            trust.problem("redis", "must be a redis:// URI, but was '" + redis + "'");
        }
        List<ApiKey> keys = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (ConfigNode item : identity.list("api_keys")) {
            ConfigNode k = item.mapping().allowOnly(API_KEY_KEYS);
            if (!k.present()) {
                continue;
            }
            String id = k.requiredString("id");
            if (id != null && !ids.add(id)) {
                k.problem("id", "duplicate key id '" + id + "'");
            }
            String sha = k.string("sha256", null);
            if (sha == null || !sha.matches("[0-9a-f]{64}")) {
                k.problem("sha256", "must be 64 lower-case hex characters (sha256sum of the key), but was "
                        + (sha == null ? "missing" : sha.length() + " characters"));
            }
            Map<String, String> authority = new LinkedHashMap<>();
            ConfigNode a = k.get("authority").mapping();
            for (String attribute : a.keys()) {
                String value = a.get(attribute).asString();
                if (value != null) {
                    authority.put(attribute, value);
                }
            }
            String subject = k.string("subject", null);
            if (subject != null && subject.contains(Subjects.USER_SEPARATOR)) {
                k.problem("subject", "must not contain '" + Subjects.USER_SEPARATOR + "', but was '" + subject + "'");
                continue;
            }
            if (id != null && sha != null) {
                keys.add(new ApiKey(id, sha, k.string("subject", "key:" + id), k.string("tenant", DEFAULT_TENANT),
                        authority));
            }
        }
        AuthorityMapping authority = authority(identity.section("authority", AUTHORITY_KEYS));
        TrustModelConfig model = model(trust.section("model", MODEL_KEYS));
        long cacheMs = trust.integer("near_cache_ms", DEFAULT_NEAR_CACHE_MS, 0, 600_000);
        long commitMs = trust.integer("commit_delay_ms", DEFAULT_COMMIT_DELAY_MS, 10, 1000);
        long readTimeoutMs = trust.integer("read_timeout_ms", DEFAULT_READ_TIMEOUT_MS, 1, 10_000);
        long maxSubs = trust.integer("max_sub_subjects", DEFAULT_MAX_SUB_SUBJECTS, 0, 1_000_000);
        return new TrustConfig(keys, issuers, authority, model, Duration.ofMillis(cacheMs), (int) commitMs, redis,
                Duration.ofMillis(readTimeoutMs), (int) maxSubs, trust.string("redis_password_env", null));
    }

    private static AuthorityMapping authority(ConfigNode a) {
        if (!a.present()) {
            return AuthorityMapping.DEFAULTS;
        }
        Map<String, Map<String, Double>> values = new LinkedHashMap<>();
        ConfigNode v = a.get("values").mapping();
        for (String attribute : v.keys()) {
            ConfigNode byValue = v.get(attribute);
            Map<String, Double> m = new LinkedHashMap<>();
            if (!byValue.isMapping()) {
                byValue.problem("must be a mapping of value to trust");
            } else {
                for (String value : byValue.keys()) {
                    Double d = byValue.get(value).asNumber(0, 1);
                    if (d != null) {
                        m.put(value, d);
                    }
                }
            }
            values.put(attribute, m);
        }
        return new AuthorityMapping(values.isEmpty() ? AuthorityMapping.DEFAULTS.values() : values,
                a.string("trust_claim", AuthorityMapping.DEFAULTS.trustClaim()));
    }

    private static List<JwtIssuer> issuers(List<ConfigNode> items) {
        List<JwtIssuer> out = new ArrayList<>();
        for (ConfigNode item : items) {
            ConfigNode m = item.mapping().allowOnly(JWT_KEYS);
            if (!m.present()) {
                continue;
            }
            String issuer = m.requiredString("issuer");
            String audience = m.requiredString("audience");
            String file = m.string("jwks_file", null);
            String url = m.string("jwks_url", null);
            if ((file == null) == (url == null)) {
                m.problem("needs exactly one of jwks_file, jwks_url");
            }
            if (issuer != null && !secure(issuer)) {
                m.problem("issuer", "must be an https:// URL (http only on a loopback host), but was '" + issuer + "'");
            }
            if (url != null && issuer != null && !sameOrigin(url, issuer)) {
                m.problem("jwks_url", "must be served by the issuer (" + issuer + "), but was '" + url + "'");
            }
            long leeway = m.integer("leeway_s", DEFAULT_JWT_LEEWAY_S, 0, 300);
            long refresh = m.integer("refresh_s", DEFAULT_JWT_REFRESH_S, 10, 86_400);
            long maxLifetime = m.integer("max_lifetime_s", DEFAULT_JWT_MAX_LIFETIME_S, 60, 30L * 86_400);
            long refetch = m.integer("refetch_interval_s", DEFAULT_JWT_REFETCH_INTERVAL_S, 1, 3600);
            List<String> claims = m.strings("authority_claims");
            if (issuer != null && audience != null) {
                out.add(new JwtIssuer(issuer, audience, file, url, (int) leeway,
                        m.string("subject_claim", DEFAULT_SUBJECT_CLAIM), m.string("tenant_claim", null), claims,
                        (int) refresh, (int) maxLifetime, (int) refetch));
            }
        }
        return out;
    }

    /** https, or http on a loopback host (tests, a sidecar identity provider). */
    static boolean secure(String url) {
        try {
            java.net.URI u = java.net.URI.create(url);
            if ("https".equalsIgnoreCase(u.getScheme()) && u.getHost() != null) {
                return true;
            }
            String host = u.getHost();
            return "http".equalsIgnoreCase(u.getScheme()) && host != null
                    && (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]") || host.equals("::1"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean sameOrigin(String url, String issuer) {
        try {
            java.net.URI u = java.net.URI.create(url);
            java.net.URI i = java.net.URI.create(issuer);
            return u.getHost() != null && u.getHost().equalsIgnoreCase(i.getHost())
                    && java.util.Objects.equals(u.getScheme(), i.getScheme()) && u.getPort() == i.getPort();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static TrustModelConfig model(ConfigNode m) {
        TrustModelConfig d = TrustModelConfig.DEFAULTS;
        if (!m.present()) {
            return d;
        }
        double[] tiers = d.tierThresholds();
        if (m.has("tier_thresholds")) {
            tiers = m.list("tier_thresholds").stream()
                    .mapToDouble(x -> orNaN(x.asNumber(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY))).toArray();
        }
        TrustModelConfig c = new TrustModelConfig(
                dbl(m, "prior_positive", d.priorPositive()), dbl(m, "prior_negative", d.priorNegative()),
                dbl(m, "clean_weight", d.cleanWeight()), dbl(m, "flag_weight", d.flagWeight()),
                dbl(m, "block_weight", d.blockWeight()),
                Duration.ofMinutes((long) (60 * dbl(m, "positive_half_life_h", d.positiveHalfLife().toMinutes() / 60.0))),
                Duration.ofMinutes((long) (60 * dbl(m, "negative_half_life_h", d.negativeHalfLife().toMinutes() / 60.0))),
                Duration.ofSeconds((long) dbl(m, "gain_window_s", d.gainWindow().toSeconds())),
                dbl(m, "max_gain_per_window", d.maxGainPerWindow()), dbl(m, "authority_weight", d.authorityWeight()),
                dbl(m, "penalty_pivot", d.penaltyPivot()), tiers);
        for (String problem : c.problems(m.path())) {
            int colon = problem.indexOf(": ");
            String path = problem.substring(0, colon);
            String key = path.substring(path.lastIndexOf('.') + 1);
            m.report(new ConfigProblem(m.source(), m.get(key).line(), path, problem.substring(colon + 2)));
        }
        return c;
    }

    private static double dbl(ConfigNode m, String key, double fallback) {
        return m.number(key, fallback, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    private static double orNaN(Double v) {
        return v == null ? Double.NaN : v;
    }
}
