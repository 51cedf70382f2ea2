package dev.rampart.trust;

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
 *   model: { authority_weight: 0.6, block_weight: 4.0, flag_weight: 1.0, clean_weight: 0.02,
 *            max_gain_per_window: 0.1, gain_window_s: 3600, positive_half_life_h: 720,
 *            negative_half_life_h: 336, penalty_pivot: 0.5, tier_thresholds: [0.3, 0.55, 0.75] }
 * </pre>
 */
public record TrustConfig(List<ApiKey> apiKeys, List<JwtIssuer> issuers, AuthorityMapping authority,
                          TrustModelConfig model, Duration nearCacheTtl, int commitDelayMs, String redisUri,
                          String redisPasswordEnv) {

    public static final TrustConfig DEFAULTS = new TrustConfig(List.of(), List.of(), AuthorityMapping.DEFAULTS,
            TrustModelConfig.DEFAULTS, Duration.ofSeconds(1), 500, null, null);

    public TrustConfig {
        apiKeys = List.copyOf(apiKeys);
        issuers = List.copyOf(issuers);
    }

    /** Whether callers must authenticate (any key or issuer configured). */
    public boolean credentialsRequired() {
        return !apiKeys.isEmpty() || !issuers.isEmpty();
    }

    /** Either a config or its problems. */
    public record Result(TrustConfig config, List<String> problems) {
    }

    public static Result parse(Map<String, Object> identity, Map<String, Object> trust) {
        List<String> problems = new ArrayList<>();
        unknown(identity, Set.of("api_keys", "jwt", "authority"), "identity", problems);
        unknown(trust, Set.of("near_cache_ms", "commit_delay_ms", "model", "redis", "redis_password_env"), "trust", problems);
        List<JwtIssuer> issuers = issuers(identity.get("jwt"), problems);
        String redis = trust.get("redis") == null ? null : String.valueOf(trust.get("redis"));
        if (redis != null && !redis.startsWith("redis://")) {
            problems.add("trust.redis: must be a redis:// URI, but was '" + redis + "'");
        }
        String redisPasswordEnv = trust.get("redis_password_env") == null ? null
                : String.valueOf(trust.get("redis_password_env"));
        if (redisPasswordEnv != null && !redisPasswordEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            problems.add("trust.redis_password_env: must be an environment variable name, but was '"
                    + redisPasswordEnv + "'");
        }
        List<ApiKey> keys = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Object list = identity.get("api_keys");
        if (list != null && !(list instanceof List<?>)) {
            problems.add("identity.api_keys: must be a list");
        } else if (list != null) {
            List<?> items = (List<?>) list;
            for (int i = 0; i < items.size(); i++) {
                String p = "identity.api_keys[" + i + "]";
                if (!(items.get(i) instanceof Map<?, ?> k)) {
                    problems.add(p + ": must be a mapping");
                    continue;
                }
                unknown(k, Set.of("id", "sha256", "subject", "tenant", "authority"), p, problems);
                String id = string(k.get("id"));
                String sha = string(k.get("sha256"));
                if (id == null || id.isBlank()) {
                    problems.add(p + ".id: is required");
                } else if (!ids.add(id)) {
                    problems.add(p + ".id: duplicate key id '" + id + "'");
                }
                if (sha == null || !sha.matches("[0-9a-f]{64}")) {
                    problems.add(p + ".sha256: must be 64 lower-case hex characters (sha256sum of the key), but was "
                            + (sha == null ? "missing" : sha.length() + " characters"));
                }
                Map<String, String> authority = new LinkedHashMap<>();
                if (k.get("authority") instanceof Map<?, ?> a) {
                    a.forEach((key, value) -> authority.put(String.valueOf(key), String.valueOf(value)));
                } else if (k.get("authority") != null) {
                    problems.add(p + ".authority: must be a mapping of attribute to value");
                }
                if (id != null && sha != null) {
                    String subject = string(k.get("subject"));
                    String tenant = string(k.get("tenant"));
                    keys.add(new ApiKey(id, sha, subject == null ? "key:" + id : subject,
                            tenant == null ? "default" : tenant, authority));
                }
            }
        }
        AuthorityMapping authority = AuthorityMapping.DEFAULTS;
        if (identity.get("authority") instanceof Map<?, ?> a) {
            unknown(a, Set.of("values", "trust_claim"), "identity.authority", problems);
            Map<String, Map<String, Double>> values = new LinkedHashMap<>();
            if (a.get("values") instanceof Map<?, ?> v) {
                v.forEach((attr, byValue) -> {
                    Map<String, Double> m = new LinkedHashMap<>();
                    if (byValue instanceof Map<?, ?> bv) {
                        bv.forEach((value, t) -> {
                            double d = t instanceof Number n ? n.doubleValue() : Double.NaN;
                            if (!(d >= 0 && d <= 1)) {
                                problems.add("identity.authority.values." + attr + "." + value
                                        + ": must be a number between 0 and 1, but was " + t);
                            } else {
                                m.put(String.valueOf(value), d);
                            }
                        });
                    } else {
                        problems.add("identity.authority.values." + attr + ": must be a mapping of value to trust");
                    }
                    values.put(String.valueOf(attr), m);
                });
            }
            authority = new AuthorityMapping(values.isEmpty() ? AuthorityMapping.DEFAULTS.values() : values,
                    a.containsKey("trust_claim") ? string(a.get("trust_claim")) : AuthorityMapping.DEFAULTS.trustClaim());
        }
        TrustModelConfig model = model(trust.get("model"), problems);
        long cacheMs = number(trust.get("near_cache_ms"), 1000, 0, 600_000, "trust.near_cache_ms", problems);
        long commitMs = number(trust.get("commit_delay_ms"), 500, 10, 1000, "trust.commit_delay_ms", problems);
        TrustConfig config = new TrustConfig(keys, issuers, authority, model, Duration.ofMillis(cacheMs), (int) commitMs,
                redis, redisPasswordEnv);
        return new Result(problems.isEmpty() ? config : null, problems);
    }

    private static List<JwtIssuer> issuers(Object raw, List<String> problems) {
        List<JwtIssuer> out = new ArrayList<>();
        if (raw == null) {
            return out;
        }
        if (!(raw instanceof List<?> list)) {
            problems.add("identity.jwt: must be a list of issuers");
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            String p = "identity.jwt[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> m)) {
                problems.add(p + ": must be a mapping");
                continue;
            }
            unknown(m, Set.of("issuer", "audience", "jwks_file", "jwks_url", "leeway_s", "subject_claim",
                    "tenant_claim", "authority_claims", "refresh_s"), p, problems);
            String issuer = string(m.get("issuer"));
            String audience = string(m.get("audience"));
            String file = string(m.get("jwks_file"));
            String url = string(m.get("jwks_url"));
            if (issuer == null) {
                problems.add(p + ".issuer: is required");
            }
            if (audience == null) {
                problems.add(p + ".audience: is required");
            }
            if ((file == null) == (url == null)) {
                problems.add(p + ": needs exactly one of jwks_file, jwks_url");
            }
            if (url != null && issuer != null && !sameOrigin(url, issuer)) {
                problems.add(p + ".jwks_url: must be served by the issuer (" + issuer + "), but was '" + url + "'");
            }
            long leeway = number(m.get("leeway_s"), 30, 0, 300, p + ".leeway_s", problems);
            long refresh = number(m.get("refresh_s"), 300, 10, 86_400, p + ".refresh_s", problems);
            List<String> claims = new ArrayList<>();
            if (m.get("authority_claims") instanceof List<?> c) {
                c.forEach(x -> claims.add(String.valueOf(x)));
            }
            if (issuer != null && audience != null) {
                out.add(new JwtIssuer(issuer, audience, file, url, (int) leeway,
                        m.containsKey("subject_claim") ? string(m.get("subject_claim")) : "sub",
                        string(m.get("tenant_claim")), claims, (int) refresh));
            }
        }
        return out;
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

    private static TrustModelConfig model(Object raw, List<String> problems) {
        TrustModelConfig d = TrustModelConfig.DEFAULTS;
        if (raw == null) {
            return d;
        }
        if (!(raw instanceof Map<?, ?> m)) {
            problems.add("trust.model: must be a mapping");
            return d;
        }
        unknown(m, Set.of("prior_positive", "prior_negative", "clean_weight", "flag_weight", "block_weight",
                "positive_half_life_h", "negative_half_life_h", "gain_window_s", "max_gain_per_window",
                "authority_weight", "penalty_pivot", "tier_thresholds"), "trust.model", problems);
        double[] tiers = d.tierThresholds();
        if (m.get("tier_thresholds") instanceof List<?> t) {
            tiers = t.stream().mapToDouble(x -> x instanceof Number n ? n.doubleValue() : Double.NaN).toArray();
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
        problems.addAll(c.problems("trust.model"));
        return c;
    }

    private static double dbl(Map<?, ?> m, String key, double fallback) {
        Object v = m.get(key);
        return v instanceof Number n ? n.doubleValue() : v == null ? fallback : Double.NaN;
    }

    private static long number(Object v, long fallback, long min, long max, String path, List<String> problems) {
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Number n) || n.longValue() < min || n.longValue() > max) {
            problems.add(path + ": must be a whole number between " + min + " and " + max + ", but was " + v);
            return fallback;
        }
        return n.longValue();
    }

    private static String string(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    private static void unknown(Map<?, ?> map, Set<String> known, String path, List<String> problems) {
        for (Object key : map.keySet()) {
            if (!known.contains(String.valueOf(key))) {
                problems.add(path + "." + key + ": unknown key (known: " + String.join(", ", new java.util.TreeSet<>(known)) + ")");
            }
        }
    }
}
