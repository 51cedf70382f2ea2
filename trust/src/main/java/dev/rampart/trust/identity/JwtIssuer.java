package dev.rampart.trust.identity;

import java.util.List;

/**
 * A trusted JWT issuer.
 *
 * @param issuer          the {@code iss} tokens must carry
 * @param audience        the {@code aud} tokens must contain
 * @param jwksFile        a JWKS file with the issuer's public keys, or null
 * @param jwksUrl         the issuer's JWKS URL (fetched from the issuer only, cached), or null
 * @param leewaySeconds   clock skew allowed on {@code exp} and {@code nbf}
 * @param subjectClaim    claim naming the subject (default {@code sub})
 * @param tenantClaim     claim naming the tenant, or null
 * @param authorityClaims claims that are authority-verified attributes (e.g. {@code role}, {@code verified})
 * @param refreshSeconds  how often a JWKS URL is fetched again
 * @param maxLifetimeSeconds longest a token may still be valid ({@code exp} − now, and {@code exp} − {@code iat});
 *                        tokens without {@code exp} are rejected
 * @param refetchIntervalSeconds a token with an unknown {@code kid} refetches the JWKS URL at most this often
 */
public record JwtIssuer(String issuer, String audience, String jwksFile, String jwksUrl, int leewaySeconds,
                        String subjectClaim, String tenantClaim, List<String> authorityClaims, int refreshSeconds,
                        int maxLifetimeSeconds, int refetchIntervalSeconds) {
    public JwtIssuer {
        authorityClaims = List.copyOf(authorityClaims);
    }

    /** An issuer with the default maximum lifetime (24 h) and refetch interval (30 s). */
    public JwtIssuer(String issuer, String audience, String jwksFile, String jwksUrl, int leewaySeconds,
                     String subjectClaim, String tenantClaim, List<String> authorityClaims, int refreshSeconds) {
        this(issuer, audience, jwksFile, jwksUrl, leewaySeconds, subjectClaim, tenantClaim, authorityClaims,
                refreshSeconds, 86_400, 30);
    }
}
