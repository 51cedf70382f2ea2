package dev.rampart.trust.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the guard found on one request, in the terms the {@link EvidenceRule} needs: the prompt's findings as decided
 * at the caller's <em>assessed</em> tier (not a stricter tier the client asked for), and the reply's findings.
 *
 * @param eventId the request id
 * @param at      when the request was decided
 * @param prompt  the prompt's fired categories (empty when nothing fired); null when the prompt was not judged
 * @param promptClassifierError whether any classifier failed (error, timeout, queue full) on the prompt
 * @param reply   the reply's fired categories (empty when nothing fired or no reply was judged)
 */
public record RequestOutcome(String eventId, Instant at, List<Finding> prompt, boolean promptClassifierError,
                             List<Finding> reply) {
    public RequestOutcome {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(at, "at");
        prompt = prompt == null ? null : List.copyOf(prompt);
        reply = List.copyOf(reply);
    }

    /**
     * One category that fired.
     *
     * @param category        the category id
     * @param outcome         {@link Outcome#BLOCKED} for a block rule, {@link Outcome#FLAGGED} for a flag or redaction
     * @param classifierError it fired because its classifier failed ({@code on_error: block}), not on a score
     */
    public record Finding(String category, Outcome outcome, boolean classifierError) {
        public Finding {
            Objects.requireNonNull(category, "category");
            Objects.requireNonNull(outcome, "outcome");
        }
    }
}
