package dev.rampart.gateway.stream;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an upstream byte stream into server-sent events (WHATWG rules: events end at a blank line; lines end in
 * LF, CRLF or CR). Bytes of an unfinished event are kept until the rest arrives, up to {@code maxEventBytes}, beyond
 * which the stream is malformed.
 */
public final class SseParser {
    private final int maxEventBytes;
    private Buffer pending = Buffer.buffer();

    public SseParser(int maxEventBytes) {
        this.maxEventBytes = maxEventBytes;
    }

    /** Feeds a chunk; returns the events it completed. */
    public List<SseEvent> feed(Buffer chunk) {
        pending.appendBuffer(chunk);
        List<SseEvent> events = new ArrayList<>();
        int start = 0;
        int i = 0;
        int len = pending.length();
        while (i < len) {
            int end = eventEnd(pending, i, len);
            if (end < 0) {
                break;
            }
            Buffer raw = pending.getBuffer(start, end);
            events.add(new SseEvent(raw, data(raw)));
            start = end;
            i = end;
        }
        pending = pending.getBuffer(start, len);
        if (pending.length() > maxEventBytes) {
            throw new MalformedStreamException("an upstream event exceeded " + maxEventBytes + " bytes");
        }
        return events;
    }

    /** Whether bytes of an unfinished event remain (a stream that ends here was cut off). */
    public boolean hasPartialEvent() {
        for (int i = 0; i < pending.length(); i++) {
            byte b = pending.getByte(i);
            if (b != '\n' && b != '\r' && b != ' ') {
                return true;
            }
        }
        return false;
    }

    /** Index just past the blank line ending the event that starts at or after {@code from}, or -1. */
    private static int eventEnd(Buffer buf, int from, int len) {
        int i = from;
        boolean lineStart = true;
        while (i < len) {
            byte b = buf.getByte(i);
            if (b == '\n' || b == '\r') {
                int next = i + 1;
                if (b == '\r' && next < len && buf.getByte(next) == '\n') {
                    next++;
                } else if (b == '\r' && next >= len) {
                    return -1; // a CR at the end may be followed by LF in the next chunk
                }
                if (lineStart && i > from) {
                    return next;
                }
                if (lineStart && i == from) {
                    // a stray blank line between events: skip it as part of the previous event
                    i = next;
                    from = next;
                    continue;
                }
                lineStart = true;
                i = next;
            } else {
                lineStart = false;
                i++;
            }
        }
        return -1;
    }

    static String data(Buffer raw) {
        String text = raw.toString(StandardCharsets.UTF_8);
        StringBuilder data = null;
        int i = 0;
        int n = text.length();
        while (i < n) {
            int end = i;
            while (end < n && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
                end++;
            }
            if (text.startsWith("data:", i)) {
                int from = i + 5;
                if (from < end && text.charAt(from) == ' ') {
                    from++;
                }
                if (data == null) {
                    data = new StringBuilder(end - from);
                } else {
                    data.append('\n');
                }
                data.append(text, from, end);
            }
            i = end;
            if (i < n && text.charAt(i) == '\r') {
                i++;
            }
            if (i < n && text.charAt(i) == '\n') {
                i++;
            }
        }
        return data == null ? null : data.toString();
    }

    /** The upstream's event stream cannot be read. */
    public static final class MalformedStreamException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public MalformedStreamException(String message) {
            super(message, null, false, false);
        }
    }
}
