package dev.rampart.trust.model;

/** What a request of the caller turned out to be. */
public enum Outcome {
    /** Nothing fired. */
    CLEAN,
    /** A flag rule fired (or a redaction). */
    FLAGGED,
    /** A block rule fired. */
    BLOCKED
}
