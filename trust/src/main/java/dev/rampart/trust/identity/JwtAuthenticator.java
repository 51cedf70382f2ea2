package dev.rampart.trust.identity;

import dev.rampart.trust.Caller;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
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
 * because only the issuer's public keys are loaded (no shared secret exists to confuse them with). Configured claims
 * become the caller's authority-verified attributes.
 */
public final class JwtAuthenticator {
    private static final Logger LOG = LoggerFactory.getLogger(JwtAuthenticator.class);

    private final Vertx vertx;
    private final Map<String, JwtIssuer> issuers = new LinkedHashMap<>();
    private final Map<String, JWTAuth> verifiers = new ConcurrentHashMap<>();

    private JwtAuthenticator(Vertx vertx, List<JwtIssuer> issuers) {
        this.vertx = vertx;
        issuers.forEach(i -> this.issuers.put(i.issuer(), i));
    }

    /** Loads every issuer's keys; fails when a JWKS file or URL cannot be read. */
    public static Future<JwtAuthenticator> start(Vertx vertx, List<JwtIssuer> issuers) {
        JwtAuthenticator authenticator = new JwtAuthenticator(vertx, issuers);
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
            HttpClient client = vertx.createHttpClient();
            jwks = client.request(new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(issuer.jwksUrl())
                            .setConnectTimeout(5000).setIdleTimeout(10000))
                    .compose(req -> req.send())
                    .compose(resp -> resp.statusCode() == 200 ? resp.body()
                            : Future.failedFuture(new IllegalStateException("JWKS answered " + resp.statusCode())))
                    .map(Buffer::toJsonObject)
                    .eventually(client::close);
        }
        return jwks.map(set -> {
            JWTAuthOptions options = new JWTAuthOptions().setJWTOptions(new JWTOptions()
                    .setIssuer(issuer.issuer())
                    .setAudience(List.of(issuer.audience()))
                    .setLeeway(issuer.leewaySeconds()));
            JsonArray keys = set.getJsonArray("keys", new JsonArray());
            for (int i = 0; i < keys.size(); i++) {
                options.addJwk(keys.getJsonObject(i));
            }
            verifiers.put(issuer.issuer(), JWTAuth.create(vertx, options));
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
        JWTAuth verifier = issuer == null ? null : verifiers.get(iss);
        if (verifier == null) {
            return Future.succeededFuture(new AuthResult.Rejected("The token's issuer is not trusted."));
        }
        return verifier.authenticate(new TokenCredentials(token)).map(user -> {
            JsonObject claims = user.principal();
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
            String subject = "jwt:" + iss + ":" + sub
                    + (openAiUser == null || openAiUser.isBlank() ? "" : "/user:" + openAiUser.replaceAll("[^A-Za-z0-9_.@-]", "_"));
            return (AuthResult) new AuthResult.Authenticated(new Caller(subject, tenant == null ? "default" : tenant,
                    iss, authority, false));
        }).otherwise(e -> new AuthResult.Rejected("The token is invalid or expired."));
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
