package dev.rampart.gateway.pipeline;

import io.vertx.core.Future;

/** Regenerates by calling the upstream again and running the completion guard on the new reply. */
final class Regeneration implements Regenerator {
    private final Admitted admitted;
    private final UpstreamCall upstream;
    private final CompletionGuard completions;

    Regeneration(Admitted admitted, UpstreamCall upstream, CompletionGuard completions) {
        this.admitted = admitted;
        this.upstream = upstream;
        this.completions = completions;
    }

    @Override
    public Future<CompletionVerdict> regenerate() {
        return upstream.send(admitted).compose(reply -> reply instanceof UpstreamReply.Whole whole
                ? completions.check(admitted, whole.body())
                : Future.failedFuture(new IllegalStateException("the upstream did not answer with a whole reply")));
    }
}
