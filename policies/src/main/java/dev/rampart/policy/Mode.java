package dev.rampart.policy;

import java.util.Locale;

/**
 * Whether a rule acts on what it decides. {@link #ENFORCE} (the default) applies the rule's action;
 * {@link #MONITOR} decides and records everything but acts {@link Action#ALLOW}: the decision keeps what it would
 * have done ({@link Decision#wouldAction()}), so a new rule or pack can be watched on real traffic before it blocks
 * anyone. Set per pack ({@code settings.mode}) and per rule ({@code rules[].mode}, which wins).
 */
public enum Mode {
    ENFORCE,
    MONITOR;

    /** The lower-case name used in YAML, headers and logs. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
