package dev.rampart.trust.identity;

import dev.rampart.trust.Caller;
import io.vertx.core.Future;

/**
 * Identifies callers from the {@code Authorization} header: JWTs go to the issuers' verifiers, anything else is an
 * API key. With neither keys nor issuers configured every caller is anonymous; as soon as either is configured a
 * request without valid credentials is rejected.
 */
public final class Authenticator {
    private final ApiKeyAuthenticator apiKeys;
    private final JwtAuthenticator jwt;

    public Authenticator(ApiKeyAuthenticator apiKeys, JwtAuthenticator jwt) {
        this.apiKeys = apiKeys;
        this.jwt = jwt;
    }

    public boolean open() {
        return apiKeys.open() && (jwt == null || !jwt.configured());
    }

    public Future<AuthResult> authenticate(String authorization, String openAiUser) {
        if (open()) {
            return Future.succeededFuture(new AuthResult.Authenticated(Caller.ANONYMOUS));
        }
        if (authorization != null && authorization.regionMatches(true, 0, "bearer ", 0, 7) && jwt != null
                && jwt.configured() && JwtAuthenticator.looksLikeJwt(authorization.substring(7).trim())) {
            return jwt.authenticate(authorization.substring(7).trim(), openAiUser);
        }
        if (apiKeys.open()) {
            return Future.succeededFuture(new AuthResult.Rejected("Missing or invalid bearer token."));
        }
        return Future.succeededFuture(apiKeys.authenticate(authorization, openAiUser));
    }
}
