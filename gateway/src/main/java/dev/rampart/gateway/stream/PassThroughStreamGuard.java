package dev.rampart.gateway.stream;

import io.vertx.core.Future;
import java.util.List;

/**
 * Relays every event as it arrives. Used when the policy has no completion rules; incremental moderation of
 * streamed output plugs in as another {@link StreamGuard}.
 */
public final class PassThroughStreamGuard implements StreamGuard {

    @Override
    public Future<Verdict> onEvent(SseEvent event) {
        return Future.succeededFuture(Verdict.pass(event));
    }

    @Override
    public Future<List<SseEvent>> onEnd() {
        return Future.succeededFuture(List.of());
    }
}
