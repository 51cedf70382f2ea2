package dev.rampart.gateway.pipeline;

import dev.rampart.trust.Caller;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;

/**
 * Identifies the caller of a request. Fails with an {@code ApiFault} (401 {@code invalid_api_key}) when credentials
 * are required and missing or invalid.
 */
public interface CallerIdentifier {

    Future<Caller> identify(HttpServerRequest request, String openAiUserField);

    /** With no keys and no issuers configured, every caller is anonymous (the strictest tier). */
    CallerIdentifier ANONYMOUS = (request, user) -> Future.succeededFuture(Caller.ANONYMOUS);
}
