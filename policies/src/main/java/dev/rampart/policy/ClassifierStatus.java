package dev.rampart.policy;

/** How a classifier run ended. Only {@link #OK} results carry meaningful scores. */
public enum ClassifierStatus {
    /** The classifier ran and scored the text. */
    OK,
    /** The classifier failed (error, timeout, breaker open, unparseable answer); the category's {@code on_error} applies. */
    ERROR,
    /** The classifier did not run for this text (not bound to this direction, sampled out, not ready). */
    SKIPPED
}
