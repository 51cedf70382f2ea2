package dev.rampart.gateway.pipeline;

import dev.rampart.gateway.http.ApiError;
import dev.rampart.gateway.http.ApiFault;
import dev.rampart.trust.Caller;
import dev.rampart.trust.Subjects;
import dev.rampart.trust.TrustAssessment;
import dev.rampart.trust.TrustService;
import dev.rampart.trust.identity.Authenticator;
import dev.rampart.trust.identity.AuthResult;
import dev.rampart.trust.model.EvidenceRule;
import dev.rampart.trust.model.RequestOutcome;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;

/** Plugs the trust module into the pipeline's ports. */
public final class TrustAdapters {
    private TrustAdapters() {
    }

    /**
     * API-key or JWT identification: missing or invalid credentials are a 401 {@code invalid_api_key}; a
     * {@code user} longer than {@link Subjects#MAX_USER_LENGTH} is a 400 {@code invalid_value} with
     * {@code param: user}.
     */
    public static CallerIdentifier identifier(Authenticator authenticator) {
        return (request, user) -> {
            if (user != null && user.length() > Subjects.MAX_USER_LENGTH) {
                return Future.failedFuture(ApiFault.of(ApiError.INVALID_VALUE, "user",
                        "'user' must be at most " + Subjects.MAX_USER_LENGTH + " characters long."));
            }
            return authenticator.authenticate(request.getHeader(HttpHeaders.AUTHORIZATION), user)
                    .compose(result -> result instanceof AuthResult.Authenticated a
                            ? Future.succeededFuture(a.caller())
                            : Future.failedFuture(ApiFault.of(ApiError.INVALID_API_KEY,
                            ((AuthResult.Rejected) result).message())));
        };
    }

    /** Trust from the trust service, results brought back to the request's context. */
    public static TrustLookup lookup(Vertx vertx, TrustService service) {
        return new TrustLookup() {
            @Override
            public Future<TrustAssessment> assess(Caller caller) {
                return Future.fromCompletionStage(service.assess(caller), vertx.getOrCreateContext())
                        .otherwise(TrustAssessment.DEGRADED);
            }

            @Override
            public void record(Caller caller, RequestOutcome outcome) {
                EvidenceRule.callerEvidence(outcome).ifPresent(interaction -> service.record(caller, interaction));
            }
        };
    }
}
