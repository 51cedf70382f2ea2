package dev.rampart.trust.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One request's outcome, the unit of interaction history.
 *
 * @param eventId    unique id (the request id): recording the same event twice counts it once
 * @param at         when it happened
 * @param outcome    clean, flagged or blocked
 * @param severity   weight of a violation in [0, 1] (the gravest category that fired); ignored for clean requests
 * @param categories category ids that fired, for explanations
 */
public record Interaction(String eventId, Instant at, Outcome outcome, double severity, List<String> categories) {
    public Interaction {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(outcome, "outcome");
        if (!(severity >= 0 && severity <= 1)) {
            throw new IllegalArgumentException("severity must be between 0 and 1, but was " + severity);
        }
        categories = List.copyOf(categories);
    }
}
