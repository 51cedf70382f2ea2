package dev.rampart.gateway.pipeline;

import dev.rampart.gateway.http.ApiError;
import dev.rampart.gateway.http.ApiFault;
import dev.rampart.policy.Action;
import dev.rampart.policy.Decision;
import dev.rampart.trust.Caller;
import dev.rampart.trust.TrustAssessment;
import dev.rampart.trust.TrustService;
import dev.rampart.trust.identity.Authenticator;
import dev.rampart.trust.identity.AuthResult;
import dev.rampart.trust.model.Interaction;
import dev.rampart.trust.model.Outcome;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import java.time.Clock;

/** Plugs the trust module into the pipeline's ports. */
public final class TrustAdapters {
    private TrustAdapters() {
    }

    /** API-key or JWT identification: missing or invalid credentials are a 401 {@code invalid_api_key}. */
    public static CallerIdentifier identifier(Authenticator authenticator) {
        return (request, user) -> authenticator.authenticate(request.getHeader(HttpHeaders.AUTHORIZATION), user)
                .compose(result -> result instanceof AuthResult.Authenticated a
                        ? Future.succeededFuture(a.caller())
                        : Future.failedFuture(ApiFault.of(ApiError.INVALID_API_KEY, ((AuthResult.Rejected) result).message())));
    }

    /** Trust from the trust service, results brought back to the request's context. */
    public static TrustLookup lookup(Vertx vertx, TrustService service, Clock clock) {
        return new TrustLookup() {
            @Override
            public Future<TrustAssessment> assess(Caller caller) {
                return Future.fromCompletionStage(service.assess(caller), vertx.getOrCreateContext())
                        .otherwise(TrustAssessment.STRICTEST);
            }

            @Override
            public void record(Caller caller, String requestId, Decision decision) {
                service.record(caller, interaction(requestId, decision, clock));
            }
        };
    }

    /** A decision as interaction history: blocks weigh fully, flags and redactions half, the rest is clean. */
    static Interaction interaction(String requestId, Decision decision, Clock clock) {
        Outcome outcome = switch (decision.action()) {
            case BLOCK -> Outcome.BLOCKED;
            case FLAG, REDACT -> Outcome.FLAGGED;
            default -> Outcome.CLEAN;
        };
        double severity = decision.action() == Action.BLOCK ? 1.0 : decision.action() == Action.ALLOW ? 0.0 : 0.5;
        return new Interaction(requestId, clock.instant(), outcome, severity, decision.firedCategories());
    }
}
