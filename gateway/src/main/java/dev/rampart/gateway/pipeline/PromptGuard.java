package dev.rampart.gateway.pipeline;

import dev.rampart.gateway.policy.Verdict;
import dev.rampart.policy.Decision;
import dev.rampart.policy.Direction;
import io.vertx.core.Future;

/**
 * Stage 4: decides on every text of the request the model will read, at the caller's tier. A redaction is applied to
 * the request body before it travels on; a block is returned as a verdict for the reply writer to answer.
 */
public final class PromptGuard {
    private final GuardRunner runner;

    public PromptGuard(GuardRunner runner) {
        this.runner = runner;
    }

    public Future<Verdict> check(Admitted a) {
        return runner.decide(a.guard(), a.request().prompt(), Direction.PROMPT, a.tier()).map(verdict -> {
            if (verdict.decision() instanceof Decision.Redact redact) {
                a.request().prompt().apply(redact);
            }
            return verdict;
        });
    }
}
