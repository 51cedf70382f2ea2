package dev.rampart.gateway.stream;

import io.vertx.core.Future;
import java.util.List;

/**
 * The hook where streamed completions are moderated. The relay hands every upstream event to the guard in order and
 * sends the client exactly what the guard releases; the guard may hold text back, rewrite it, or stop the stream.
 * One guard instance serves one stream and is called on the request's Vert.x context, one call at a time.
 */
public interface StreamGuard {

    /** What to do after an event. */
    record Verdict(List<SseEvent> release, boolean stop) {
        public Verdict {
            release = List.copyOf(release);
        }

        public static Verdict pass(SseEvent event) {
            return new Verdict(List.of(event), false);
        }

        /** Send these final events (e.g. a {@code content_filter} chunk and {@code [DONE]}) and cancel the upstream. */
        public static Verdict stopWith(List<SseEvent> finalEvents) {
            return new Verdict(finalEvents, true);
        }
    }

    /** Called for each upstream event except {@code [DONE]}, comments and keep-alives included (data null). */
    Future<Verdict> onEvent(SseEvent event);

    /** Called when the upstream sent {@code [DONE]} or ended; returns what is still held back, then the end. */
    Future<List<SseEvent>> onEnd();

    /** The strictest action this guard took, for the response's decision record; {@code allow} when it did nothing. */
    default String decision() {
        return "allow";
    }
}
