package dev.rampart.gateway.pipeline;

import dev.rampart.gateway.openai.Endpoint;
import dev.rampart.policy.Action;
import dev.rampart.policy.ClassifierStatus;
import dev.rampart.policy.Decision;
import dev.rampart.policy.Direction;
import dev.rampart.trust.model.Outcome;
import dev.rampart.trust.model.RequestOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns what the guard decided on a request into the facts the trust module's
 * {@link dev.rampart.trust.model.EvidenceRule} judges: the prompt's findings <em>at the caller's assessed tier</em>
 * (re-decided on the same scores when the client lowered its own tier with {@code x-rampart-max-tier}), whether a
 * classifier failed on the prompt, and the reply's findings. {@code /v1/moderations} is no evidence about the caller:
 * it asks the gateway to classify texts, often other people's, and sends nothing to a model.
 */
final class TrustEvidence {
    private TrustEvidence() {
    }

    static RequestOutcome of(dev.rampart.gateway.pipeline.Outcome o, Instant at) {
        Admitted a = o.admitted();
        List<RequestOutcome.Finding> prompt = null;
        boolean promptError = false;
        if (a.endpoint() != Endpoint.MODERATIONS) {
            Decision decision = o.prompt().decision();
            if (a.trust().lowered()) {
                decision = a.policy().decide(Direction.PROMPT, a.trust().assessedTier(), o.prompt().scores());
            }
            prompt = findings(decision);
            promptError = o.prompt().scores().stream().anyMatch(s -> s.status() == ClassifierStatus.ERROR);
        }
        Decision completion = o.completionDecision();
        return new RequestOutcome(a.id(), at, prompt, promptError,
                completion == null ? List.of() : findings(completion));
    }

    private static List<RequestOutcome.Finding> findings(Decision decision) {
        List<RequestOutcome.Finding> out = new ArrayList<>();
        decision.findings().forEach(f -> {
            if (f.fired() && f.enforced() && f.action() != Action.ALLOW) { // monitored findings sanction nobody
                out.add(new RequestOutcome.Finding(f.category(),
                        f.action() == Action.BLOCK ? Outcome.BLOCKED : Outcome.FLAGGED, f.classifierError()));
            }
        });
        return out;
    }
}
