package dev.rampart.gateway.pipeline;

import dev.rampart.policy.Decision;
import dev.rampart.trust.Caller;
import dev.rampart.trust.TrustAssessment;
import io.vertx.core.Future;

/** How much the gateway trusts a caller, and the feedback of each decision into that trust. */
public interface TrustLookup {

    /** Never fails: when trust cannot be read, the strictest assessment applies. */
    Future<TrustAssessment> assess(Caller caller);

    /** Records the outcome of one request (the strictest decision taken on it). Fire and forget. */
    void record(Caller caller, String requestId, Decision decision);

    /** Everyone at the strictest tier, no history kept. */
    TrustLookup STRICTEST = new TrustLookup() {
        @Override
        public Future<TrustAssessment> assess(Caller caller) {
            return Future.succeededFuture(TrustAssessment.STRICTEST);
        }

        @Override
        public void record(Caller caller, String requestId, Decision decision) {
        }
    };
}
