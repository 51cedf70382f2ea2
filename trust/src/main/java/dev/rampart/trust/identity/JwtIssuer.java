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
 */
public record JwtIssuer(String issuer, String audience, String jwksFile, String jwksUrl, int leewaySeconds,
                        String subjectClaim, String tenantClaim, List<String> authorityClaims, int refreshSeconds) {
    public JwtIssuer {
        authorityClaims = List.copyOf(authorityClaims);
    }
}
