package dev.rampart.trust.model;

import java.util.List;
import java.util.Optional;

/**
 * What a request says about its caller, and what it says about the model. Only what the caller is accountable for
 * counts against the caller:
 * <ul>
 *   <li>a <b>violation</b> is a category that fired on the <b>prompt</b>, <b>on a classifier's score</b>, at the
 *       caller's <b>assessed</b> tier: a block weighs severity 1, a flag or redaction 0.5;</li>
 *   <li>categories that fired only because a classifier failed (error, timeout, a full queue, a remote guard's
 *       outage) are no evidence at all: the guard could not see, so the caller is neither blamed nor credited;</li>
 *   <li>a block the client provoked by lowering its own tier ({@code x-rampart-max-tier}) is not a violation: the
 *       gateway re-decides the prompt at the assessed tier and passes those findings;</li>
 *   <li>findings on the <b>reply</b> are evidence about the model, never about the caller (a benign prompt whose
 *       reply the model got wrong is not the caller's fault).</li>
 * </ul>
 * A request with no score-based finding is clean, unless a classifier failed on its prompt (then it is no evidence).
 */
public final class EvidenceRule {
    /** Severity of a block; a flag or redaction weighs {@link #FLAG_SEVERITY}. */
    public static final double BLOCK_SEVERITY = 1.0;
    public static final double FLAG_SEVERITY = 0.5;

    private EvidenceRule() {
    }

    /** The interaction to record for the caller, or empty when the request is no evidence about the caller. */
    public static Optional<Interaction> callerEvidence(RequestOutcome r) {
        if (r.prompt() == null) {
            return Optional.empty();
        }
        List<RequestOutcome.Finding> scored = r.prompt().stream().filter(f -> !f.classifierError()).toList();
        if (scored.isEmpty()) {
            return r.promptClassifierError() ? Optional.empty()
                    : Optional.of(new Interaction(r.eventId(), r.at(), Outcome.CLEAN, 0.0, List.of()));
        }
        return Optional.of(violation(r, scored));
    }

    /** The reply-side violation, as evidence about the model that answered, or empty when the reply was clean. */
    public static Optional<Interaction> modelEvidence(RequestOutcome r) {
        List<RequestOutcome.Finding> scored = r.reply().stream().filter(f -> !f.classifierError()).toList();
        return scored.isEmpty() ? Optional.empty() : Optional.of(violation(r, scored));
    }

    private static Interaction violation(RequestOutcome r, List<RequestOutcome.Finding> fired) {
        boolean block = fired.stream().anyMatch(f -> f.outcome() == Outcome.BLOCKED);
        return new Interaction(r.eventId(), r.at(), block ? Outcome.BLOCKED : Outcome.FLAGGED,
                block ? BLOCK_SEVERITY : FLAG_SEVERITY,
                fired.stream().map(RequestOutcome.Finding::category).distinct().toList());
    }
}
