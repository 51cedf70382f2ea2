package dev.rampart.gateway.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rampart.gateway.upstream.RelayedHeaders;
import java.util.Map;
import dev.rampart.gateway.upstream.UpstreamExchange;

/** What the upstream answered, once the answer is known to be usable or to be relayed as it is. */
public sealed interface UpstreamReply permits UpstreamReply.Whole, UpstreamReply.Stream, UpstreamReply.Refused {

    /** The upstream that answered (after any fallback). */
    String upstream();

    /** The upstream's headers that reach the client ({@link RelayedHeaders}). */
    Map<String, String> headers();

    /** A complete JSON reply (status below 400), read within the gateway's bounds. */
    record Whole(String upstream, ObjectNode body, Map<String, String> headers) implements UpstreamReply {
    }

    /** A server-sent event stream, response headers received, body not yet read. */
    record Stream(String upstream, UpstreamExchange exchange) implements UpstreamReply {
        @Override
        public Map<String, String> headers() {
            return RelayedHeaders.from(exchange.response().headers());
        }
    }

    /** The upstream refused the request (4xx) with an OpenAI-shaped error body, relayed to the client as it is. */
    record Refused(String upstream, int status, ObjectNode body, Map<String, String> headers) implements UpstreamReply {
    }
}
