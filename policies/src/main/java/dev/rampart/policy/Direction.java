package dev.rampart.policy;

import java.util.Locale;

/** Which side of the exchange a text comes from. */
public enum Direction {
    /** Text the caller sends to the model. */
    PROMPT,
    /** Text the model sends back. */
    COMPLETION;

    /** The lower-case name used in YAML, metrics and logs. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
