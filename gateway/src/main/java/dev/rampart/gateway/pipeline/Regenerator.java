package dev.rampart.gateway.pipeline;

import io.vertx.core.Future;

/** Fetches a fresh reply to the same request and guards it like the first (the reward policy asked to regenerate). */
public interface Regenerator {

    Future<CompletionVerdict> regenerate();

    /** For replies that cannot be regenerated. */
    Regenerator NONE = () -> Future.failedFuture(new IllegalStateException("no regeneration for this reply"));
}
