package dev.rampart.gateway.pipeline;

import dev.rampart.gateway.http.ApiError;
import dev.rampart.gateway.http.ApiFault;
import dev.rampart.trust.TrustAssessment;
import io.vertx.core.http.HttpServerRequest;

/** A client may ask to be treated more strictly ({@code x-rampart-max-tier: 0}); never more laxly. */
final class RequestedTier {
    static final String HEADER = "x-rampart-max-tier";

    private RequestedTier() {
    }

    /** The assessment with the tier lowered to what the client asked for, if it asked. */
    static TrustAssessment apply(TrustAssessment assessment, HttpServerRequest request) {
        String requested = request.getHeader(HEADER);
        if (requested == null) {
            return assessment;
        }
        try {
            return assessment.withRequestedTier(Integer.valueOf(requested.trim()));
        } catch (NumberFormatException e) {
            throw ApiFault.of(ApiError.INVALID_HEADER, null, "Header " + HEADER + " must be a number.");
        }
    }
}
