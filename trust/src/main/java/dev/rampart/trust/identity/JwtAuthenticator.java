package dev.rampart.trust.identity;

import dev.rampart.trust.Caller;
import dev.rampart.trust.Subjects;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies JWT bearer tokens with vertx-auth-jwt against each configured issuer's keys (a JWKS file, or the issuer's
 * JWKS URL fetched from that issuer only and refreshed). Signature, {@code iss}, {@code aud}, {@code exp} and
 * {@code nbf} (with bounded leeway) are checked by the library; {@code alg: none} and algorithm confusion are rejected
 * because only the issuer's public keys are loaded (no shared secret exists to confuse them with). Tokens must carry
 * {@code exp}, at most the issuer's {@code max_lifetime_s} ahead (and after {@code iat}, when present). A token
 * signed with a key id the gateway does not know refetches the issuer's JWKS URL, at most once per
 * {@code refetch_interval_s} per issuer, so a key rotation is picked up without letting unknown ids flood the issuer.
 * Configured claims become the caller's authority-verified attributes.
 */
public final class JwtAuthenticator {
    private static final Logger LOG = LoggerFactory.getLogger(JwtAuthenticator.class);

    /** How long a token with an unknown kid waits for the issuer's JWKS before it is verified with the known keys. */
    static final long REFETCH_DEADLINE_MS = 3_000;
    private final Vertx vertx;
    private final Map<String, JwtIssuer> issuers = new LinkedHashMap<>();
    private final Map<String, JWTAuth> verifiers = new ConcurrentHashMap<>();
    private final Map<String, java.util.Set<String>> keyIds = new ConcurrentHashMap<>();
    private final Map<String, java.time.Instant> lastRefetch = new ConcurrentHashMap<>();
    private final java.time.Clock clock;
    /**
     * One client for every JWKS fetch (rare, off the request path), held for the authenticator's life. The JDK's client
     * with its own timeouts: with Vert.x 5.0.7's client a refetch on loopback was seen, now and then, never to answer.
     */
    private final java.net.http.HttpClient jwksClient;

    private JwtAuthenticator(Vertx vertx, List<JwtIssuer> issuers, java.time.Clock clock) {
        this.vertx = vertx;
        this.clock = clock;
        this.jwksClient = java.net.http.HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(5))
                .followRedirects(java.net.http.HttpClient.Redirect.NEVER).build();
        issuers.forEach(i -> this.issuers.put(i.issuer(), i));
    }

    /** Loads every issuer's keys; fails when a JWKS file or URL cannot be read. */
    public static Future<JwtAuthenticator> start(Vertx vertx, List<JwtIssuer> issuers) {
        return start(vertx, issuers, java.time.Clock.systemUTC());
    }

    /** As {@link #start(Vertx, List)}, with the clock that checks lifetimes and paces JWKS refetches. */
    public static Future<JwtAuthenticator> start(Vertx vertx, List<JwtIssuer> issuers, java.time.Clock clock) {
        JwtAuthenticator authenticator = new JwtAuthenticator(vertx, issuers, clock);
        List<Future<Void>> loads = issuers.stream().map(authenticator::load).toList();
        for (JwtIssuer issuer : issuers) {
            if (issuer.jwksUrl() != null) {
                vertx.setPeriodic(issuer.refreshSeconds() * 1000L, id -> authenticator.load(issuer)
                        .onFailure(e -> LOG.warn("JWKS refresh for {} failed: {}", issuer.issuer(),
                                e.getClass().getSimpleName())));
            }
        }
        return Future.all(loads).map(authenticator);
    }

    public boolean configured() {
        return !issuers.isEmpty();
    }

    private Future<Void> load(JwtIssuer issuer) {
        Future<JsonObject> jwks;
        if (issuer.jwksFile() != null) {
            jwks = vertx.fileSystem().readFile(issuer.jwksFile()).map(b -> new JsonObject(b));
        } else {
            java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(issuer.jwksUrl()))
                    .timeout(java.time.Duration.ofSeconds(10)).GET().build();
            jwks = Future.fromCompletionStage(jwksClient.sendAsync(request,
                            java.net.http.HttpResponse.BodyHandlers.ofByteArray()), vertx.getOrCreateContext())
                    .compose(resp -> resp.statusCode() == 200 ? Future.succeededFuture(new JsonObject(Buffer.buffer(resp.body())))
                            : Future.failedFuture(new IllegalStateException("JWKS answered " + resp.statusCode())));
        }
        return jwks.map(set -> {
            JWTAuthOptions options = new JWTAuthOptions().setJWTOptions(new JWTOptions()
                    .setIssuer(issuer.issuer())
                    .setAudience(List.of(issuer.audience()))
                    .setLeeway(issuer.leewaySeconds()));
            JsonArray keys = set.getJsonArray("keys", new JsonArray());
            java.util.Set<String> kids = new java.util.HashSet<>();
            for (int i = 0; i < keys.size(); i++) {
                options.addJwk(keys.getJsonObject(i));
                String kid = keys.getJsonObject(i).getString("kid");
                if (kid != null) {
                    kids.add(kid);
                }
            }
            verifiers.put(issuer.issuer(), JWTAuth.create(vertx, options));
            keyIds.put(issuer.issuer(), java.util.Set.copyOf(kids));
            return null;
        });
    }

    /** Whether the credential looks like a JWT (three base64url parts). */
    public static boolean looksLikeJwt(String token) {
        return token.chars().filter(c -> c == '.').count() == 2;
    }

    public Future<AuthResult> authenticate(String token, String openAiUser) {
        String iss = unverifiedIssuer(token);
        JwtIssuer issuer = iss == null ? null : issuers.get(iss);
        if (issuer == null || verifiers.get(iss) == null) {
            return Future.succeededFuture(new AuthResult.Rejected("The token's issuer is not trusted."));
        }
        String kid = unverifiedKeyId(token);
        if (kid != null && issuer.jwksUrl() != null && !keyIds.getOrDefault(iss, java.util.Set.of()).contains(kid)
                && mayRefetch(issuer)) {
            // A plain promise, completed by whichever thread verifies: a caller outside Vert.x that awaits it is
            // woken directly, not through the event loop's task queue.
            // The refetch has a deadline of its own: a JWKS reply that never comes must not hold the request; the
            // token is then verified with the keys already known (an unknown kid is rejected).
            Promise<AuthResult> result = Promise.promise();
            java.util.concurrent.atomic.AtomicBoolean verifying = new java.util.concurrent.atomic.AtomicBoolean();
            Runnable verifyOnce = () -> {
                if (verifying.compareAndSet(false, true)) {
                    verify(issuer, token, openAiUser).onComplete(result);
                }
            };
            long deadline = vertx.setTimer(REFETCH_DEADLINE_MS, id -> {
                if (!verifying.get()) {
                    LOG.warn("JWKS refetch for {} did not answer within {} ms", iss, REFETCH_DEADLINE_MS);
                }
                verifyOnce.run();
            });
            load(issuer).onComplete(loaded -> {
                vertx.cancelTimer(deadline);
                if (loaded.failed()) {
                    LOG.warn("JWKS refetch for {} failed: {}", iss, loaded.cause().getClass().getSimpleName());
                }
                verifyOnce.run();
            });
            return result.future();
        }
        return verify(issuer, token, openAiUser);
    }

    /** Whether an unknown key id may refetch the issuer's JWKS now (at most once per refetch interval). */
    private boolean mayRefetch(JwtIssuer issuer) {
        java.time.Instant now = clock.instant();
        java.time.Instant[] allowed = new java.time.Instant[1];
        lastRefetch.compute(issuer.issuer(), (k, last) -> {
            if (last == null || !now.isBefore(last.plusSeconds(issuer.refetchIntervalSeconds()))) {
                allowed[0] = now;
                return now;
            }
            return last;
        });
        return allowed[0] != null;
    }

    private Future<AuthResult> verify(JwtIssuer issuer, String token, String openAiUser) {
        String iss = issuer.issuer();
        JWTAuth verifier = verifiers.get(iss);
        return verifier.authenticate(new TokenCredentials(token)).map(user -> {
            JsonObject claims = user.principal();
            String lifetimeProblem = lifetimeProblem(issuer, verifiedPayload(token));
            if (lifetimeProblem != null) {
                return (AuthResult) new AuthResult.Rejected(lifetimeProblem);
            }
            String sub = claims.getString(issuer.subjectClaim() == null ? "sub" : issuer.subjectClaim());
            if (sub == null || sub.isBlank()) {
                return (AuthResult) new AuthResult.Rejected("The token has no subject.");
            }
            Map<String, String> authority = new LinkedHashMap<>();
            for (String claim : issuer.authorityClaims()) {
                Object value = claims.getValue(claim);
                if (value != null) {
                    authority.put(claim, String.valueOf(value));
                }
            }
            String tenant = issuer.tenantClaim() == null ? null : claims.getString(issuer.tenantClaim());
            return (AuthResult) new AuthResult.Authenticated(new Caller("jwt:" + iss + ":" + sub,
                    tenant == null ? "default" : tenant, iss, authority, false, Subjects.sanitize(openAiUser)));
        }).otherwise(e -> new AuthResult.Rejected("The token is invalid or expired."));
    }

    /** Why the token's lifetime is unacceptable, or null: {@code exp} is required and bounded. */
    private String lifetimeProblem(JwtIssuer issuer, JsonObject claims) {
        if (!(claims.getValue("exp") instanceof Number exp)) {
            return "The token has no expiry (exp).";
        }
        long max = issuer.maxLifetimeSeconds() + issuer.leewaySeconds();
        if (exp.longValue() - clock.instant().getEpochSecond() > max) {
            return "The token's lifetime exceeds the maximum this gateway accepts.";
        }
        if (claims.getValue("iat") instanceof Number iat && exp.longValue() - iat.longValue() > max) {
            return "The token's lifetime exceeds the maximum this gateway accepts.";
        }
        return null;
    }

    /** The payload of a token whose signature was verified (the library moves {@code exp} out of the principal). */
    private static JsonObject verifiedPayload(String token) {
        String[] parts = token.split("\\.");
        return new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    }

    /** The {@code kid} header read without verification, only to know whether the issuer's keys must be refetched. */
    static String unverifiedKeyId(String token) {
        try {
            String header = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                    StandardCharsets.UTF_8);
            return new JsonObject(header).getString("kid");
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The {@code iss} claim read without verification, only to pick the issuer whose keys then verify it. */
    static String unverifiedIssuer(String token) {
        try {
            String[] parts = token.split("\\.");
            if (parts.length != 3) {
                return null;
            }
            String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
            return new JsonObject(payload).getString("iss");
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** For tests and tools: a JWKS document from a file. */
    static JsonObject readJwks(Path file) throws java.io.IOException {
        return new JsonObject(Files.readString(file));
    }
}
