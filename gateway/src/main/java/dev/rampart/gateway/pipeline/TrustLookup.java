package dev.rampart.gateway.pipeline;

import dev.rampart.trust.Caller;
import dev.rampart.trust.TrustAssessment;
import dev.rampart.trust.model.RequestOutcome;
import io.vertx.core.Future;

/** How much the gateway trusts a caller, and the feedback of each request into that trust. */
public interface TrustLookup {

    /** Never fails: when trust cannot be read (in time), the strictest assessment applies, marked degraded. */
    Future<TrustAssessment> assess(Caller caller);

    /**
     * Records what one request says about its caller ({@link dev.rampart.trust.model.EvidenceRule} decides what
     * counts). Fire and forget.
     */
    void record(Caller caller, RequestOutcome outcome);

    /** Everyone at the strictest tier, no history kept. */
    TrustLookup STRICTEST = new TrustLookup() {
        @Override
        public Future<TrustAssessment> assess(Caller caller) {
            return Future.succeededFuture(TrustAssessment.STRICTEST);
        }

        @Override
        public void record(Caller caller, RequestOutcome outcome) {
        }
    };
}
