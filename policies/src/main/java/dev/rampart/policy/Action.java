package dev.rampart.policy;

import java.util.Locale;

/**
 * What a rule does when its category fires. Declared in increasing precedence:
 * when several categories fire, the decision takes the action with the highest precedence
 * ({@code block > redact > flag > allow}).
 */
public enum Action {
    ALLOW,
    FLAG,
    REDACT,
    BLOCK;

    /** The lower-case name used in YAML, headers, metrics and logs. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The stricter of two actions. */
    public static Action strictest(Action a, Action b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }
}
