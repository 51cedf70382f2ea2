package dev.rampart.gateway.stream;

import io.vertx.core.buffer.Buffer;

/**
 * One server-sent event as received from the upstream.
 *
 * @param raw  the exact bytes of the event including its terminating blank line, relayed untouched when allowed
 * @param data the concatenated {@code data:} lines (null if the event had none, e.g. a comment or keep-alive)
 */
public record SseEvent(Buffer raw, String data) {

    public boolean isDone() {
        return "[DONE]".equals(data);
    }

    /** An event carrying {@code data} written by the gateway. */
    public static SseEvent ofData(String data) {
        return new SseEvent(Buffer.buffer("data: " + data + "\n\n"), data);
    }

    /** An event with an {@code event:} name (as the Responses API sends them) carrying {@code data}. */
    public static SseEvent of(String event, String data) {
        return new SseEvent(Buffer.buffer("event: " + event + "\ndata: " + data + "\n\n"), data);
    }

    public static final SseEvent DONE = ofData("[DONE]");
}
