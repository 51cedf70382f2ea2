package dev.rampart.trust;

import java.util.Map;
import java.util.Objects;

/**
 * An authenticated (or anonymous) caller.
 *
 * @param subject   stable subject id the trust history is kept under (never the raw API key)
 * @param tenant    tenant id, or {@code "default"}
 * @param keyId     id of the API key or JWT issuer that authenticated the caller, or {@code "anonymous"}
 * @param authority authority-verified attributes (claims configured as such), e.g. {@code role=clinician}
 * @param anonymous true when no credentials are configured and the caller is unidentified
 */
public record Caller(String subject, String tenant, String keyId, Map<String, String> authority, boolean anonymous) {
    public static final Caller ANONYMOUS = new Caller("anonymous", "default", "anonymous", Map.of(), true);

    public Caller {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(keyId, "keyId");
        authority = Map.copyOf(authority);
    }
}
