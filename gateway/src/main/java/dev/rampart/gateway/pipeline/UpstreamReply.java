package dev.rampart.gateway.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rampart.gateway.upstream.UpstreamExchange;

/** What the upstream answered, once the answer is known to be usable or to be relayed as it is. */
public sealed interface UpstreamReply permits UpstreamReply.Whole, UpstreamReply.Stream, UpstreamReply.Refused {

    /** The upstream that answered (after any fallback). */
    String upstream();

    /** A complete JSON reply (status below 400), read within the gateway's bounds. */
    record Whole(String upstream, ObjectNode body) implements UpstreamReply {
    }

    /** A server-sent event stream, response headers received, body not yet read. */
    record Stream(String upstream, UpstreamExchange exchange) implements UpstreamReply {
    }

    /** The upstream refused the request (4xx) with an OpenAI-shaped error body, relayed to the client as it is. */
    record Refused(String upstream, int status, ObjectNode body) implements UpstreamReply {
    }
}
