package dev.rampart.trust.identity;

import java.util.Map;

/**
 * A configured API key. Only its SHA-256 hash is kept ({@code printf %s "$KEY" | sha256sum}).
 *
 * @param id        stable key id, shown in logs and used for policy bindings (never the key itself)
 * @param sha256    lower-case hex SHA-256 of the key
 * @param subject   the subject trust history is kept under
 * @param tenant    the tenant, for policy bindings
 * @param authority authority-verified attributes, e.g. {@code role: clinician}
 */
public record ApiKey(String id, String sha256, String subject, String tenant, Map<String, String> authority) {
    public ApiKey {
        authority = Map.copyOf(authority);
    }
}
