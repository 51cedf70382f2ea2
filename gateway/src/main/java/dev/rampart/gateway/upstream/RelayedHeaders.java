package dev.rampart.gateway.upstream;

import io.vertx.core.MultiMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The upstream response headers a client of the OpenAI API relies on, passed through as they are: the upstream's
 * request id, its rate-limit state and advice, and its processing time. Nothing else crosses (no cookies, no server
 * banners, no auth challenges).
 */
public final class RelayedHeaders {
    private static final int MAX_VALUE_LENGTH = 256;

    private RelayedHeaders() {
    }

    /** The headers to relay, lower-cased names in the upstream's order; values that are too long or unprintable are dropped. */
    public static Map<String, String> from(MultiMap headers) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> h : headers) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (relayed(name) && printable(h.getValue())) {
                out.putIfAbsent(name, h.getValue());
            }
        }
        return Map.copyOf(out);
    }

    static boolean relayed(String name) {
        return name.equals("x-request-id") || name.equals("retry-after") || name.equals("retry-after-ms")
                || name.equals("openai-processing-ms") || name.startsWith("x-ratelimit-");
    }

    private static boolean printable(String value) {
        if (value == null || value.length() > MAX_VALUE_LENGTH) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
