package dev.rampart.gateway.pipeline;

import io.vertx.core.Future;

/**
 * Stage 3b: the caller's rate limits at its trust tier. Admits the request (and gives its concurrent slots back when
 * the response is over), or fails it with {@code 429 rate_limit_exceeded} and {@code Retry-After}. Allowed replies
 * carry OpenAI's {@code x-ratelimit-*-requests} headers.
 */
public interface RequestLimiter {

    Future<Admitted> admit(Admitted admitted);

    /**
     * The pipeline is done with the request, however its response ended: give back what it holds (idempotent; the
     * response's own end and close are noticed too, but a stream's relay takes over the close handler).
     */
    default void finished(Admitted admitted) {
    }

    /**
     * Whether {@link #settle} charges anything: some scope has a token budget. When not, the pipeline does not meter
     * streamed replies.
     */
    default boolean chargesTokens() {
        return false;
    }

    /**
     * Charges the tokens a finished request used to the caller's token budgets: a JSON reply's
     * {@code usage.total_tokens}; a stream's, from its final usage chunk or estimated ({@link StreamedTokens}).
     */
    default void settle(Admitted admitted, long totalTokens) {
    }

    /** Releases the limiter's connections (its counters in Redis, if any). */
    default void close() {
    }

    /** No limits configured. */
    RequestLimiter NONE = Future::succeededFuture;
}
