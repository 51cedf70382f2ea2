package dev.rampart.trust;

import java.util.Map;
import java.util.Objects;

/**
 * An authenticated (or anonymous) caller.
 *
 * @param subject   the principal trust history and overrides are kept under: the API key's subject
 *                  ({@code key:<id>}) or the JWT's ({@code jwt:<iss>:<sub>}); never the raw API key and never
 *                  anything the client chose
 * @param tenant    tenant id, or {@code "default"}
 * @param keyId     id of the API key or JWT issuer that authenticated the caller, or {@code "anonymous"}
 * @param authority authority-verified attributes (claims configured as such), e.g. {@code role=clinician}
 * @param anonymous true when no credentials are configured and the caller is unidentified
 * @param user      the OpenAI {@code user} field, sanitised, or null: names an optional sub-history under the
 *                  principal ({@link Subjects#sub}) whose trust can only make the caller stricter
 */
public record Caller(String subject, String tenant, String keyId, Map<String, String> authority, boolean anonymous,
                     String user) {
    public static final Caller ANONYMOUS = new Caller("anonymous", "default", "anonymous", Map.of(), true);

    public Caller {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(keyId, "keyId");
        authority = Map.copyOf(authority);
        if (subject.contains(Subjects.USER_SEPARATOR)) {
            throw new IllegalArgumentException("a caller's subject is a principal, but was " + subject);
        }
    }

    /** A caller without a {@code user} sub-history. */
    public Caller(String subject, String tenant, String keyId, Map<String, String> authority, boolean anonymous) {
        this(subject, tenant, keyId, authority, anonymous, null);
    }

    /** The sub-subject of the {@code user} field ({@code key:app/user:bob}), or null. */
    public String subSubject() {
        return user == null ? null : Subjects.sub(subject, user);
    }

    /** The most specific subject: the sub-subject when there is one, else the principal (for the decision log). */
    public String mostSpecificSubject() {
        return user == null ? subject : subSubject();
    }
}
