package dev.rampart.gateway.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rampart.gateway.http.ApiFault;
import dev.rampart.policy.Decision;
import java.util.List;
import java.util.Set;

/**
 * The wire format of one kind of streamed reply: where each event's text is (for the windowed guard to read), and
 * the events the gateway writes itself into such a stream — the end after a block, an error, the normal end. One
 * instance serves one stream (it remembers the stream's ids and sequence numbers).
 */
public interface StreamFormat {

    /** Receives the texts of one event, in document order. */
    interface TextSink {
        /** An answer the event belongs to, whether or not it carries text in this event. */
        void answer(int answer);


        /**
         * One text: {@code container.field}, or element {@code element} of an array container when {@code field} is
         * null, belonging to the answer numbered {@code answer} (a chat choice, a Responses output item); a value
         * that is not a non-empty string is skipped.
         *
         * @param logprobsOwner the object whose {@code logprobs} spell out this text, dropped when it is rewritten
         */
        void text(int answer, JsonNode container, String field, int element, ObjectNode logprobsOwner);
    }

    /** What the guard knows when it stopped the stream. */
    record Stop(Set<Integer> answers, Decision.Block block, int blockedAnswer, int windowStart, int windowEnd,
                boolean annotate) {
    }

    /** Hands every text of the event to the sink; remembers what the gateway's own events need (ids, numbers). */
    void read(ObjectNode event, TextSink sink);

    /** The event again after the guard rewrote its JSON (a redaction). */
    SseEvent rewritten(SseEvent original, ObjectNode json);

    /** An Azure-style annotation of a checked window, or null where the format has none. */
    SseEvent annotation(int answer, Decision decision, int windowStart, int windowEnd);

    /** The events that end the stream after a block, its terminator included. */
    List<SseEvent> stopped(Stop stop);

    /** The events that end the stream with an error, its terminator included. */
    List<SseEvent> failed(ApiFault fault);

    /** What follows the last upstream event when the stream ended normally. */
    List<SseEvent> end();
}
