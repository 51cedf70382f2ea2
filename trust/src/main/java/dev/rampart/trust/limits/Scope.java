package dev.rampart.trust.limits;

import dev.rampart.trust.Caller;

/** What a limit counts per: the API key (or JWT issuer), the tenant, or the subject (a user's sub-subject if any). */
public enum Scope {
    KEY("key"), TENANT("tenant"), SUBJECT("subject");

    private final String wireName;

    Scope(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The caller's bucket name in this scope. */
    public String bucket(Caller caller) {
        return switch (this) {
            case KEY -> "key:" + caller.keyId();
            case TENANT -> "tenant:" + caller.tenant();
            case SUBJECT -> "subject:" + caller.mostSpecificSubject();
        };
    }
}
