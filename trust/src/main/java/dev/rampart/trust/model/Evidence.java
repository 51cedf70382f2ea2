package dev.rampart.trust.model;

import java.time.Instant;

/**
 * The decayed evidence about one subject, as stored.
 *
 * @param positive    decayed positive evidence (clean requests), as of {@code updatedAt}
 * @param negative    decayed negative evidence (weighted violations), as of {@code updatedAt}
 * @param updatedAt   when the evidence was last decayed and updated
 * @param windowStart start of the current gain window
 * @param windowGain  positive evidence gained in the current window (capped)
 * @param events      interactions recorded so far (all time, for audits)
 * @param violations  violations recorded so far (all time)
 */
public record Evidence(double positive, double negative, Instant updatedAt, Instant windowStart, double windowGain,
                       long events, long violations) {

    public static Evidence none(Instant now) {
        return new Evidence(0, 0, now, now, 0, 0, 0);
    }
}
