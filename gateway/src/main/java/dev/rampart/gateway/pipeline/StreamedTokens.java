package dev.rampart.gateway.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rampart.gateway.openai.TextSlot;
import dev.rampart.gateway.stream.SseEvent;
import dev.rampart.gateway.stream.StreamGuard;
import io.vertx.core.Future;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one streamed reply costs the caller's token budgets, charged once when the stream is over. The upstream's own
 * count when it sends one — the final chunk's {@code usage.total_tokens} (a client's
 * {@code stream_options.include_usage}), or a Responses stream's {@code response.usage.total_tokens} — else an
 * estimate ({@link TokenEstimate}) of the prompt's texts plus the streamed texts, at least one token per text delta.
 * It sees each upstream event as the relay hands it to the completion guard ({@link #observing}), so a stream the
 * guard cut or the client left is charged for what was streamed until then. One instance per stream, called on the
 * request's context; never reads or logs more than lengths of the text.
 */
final class StreamedTokens {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Fields of a delta that are not text the model generated. */
    private static final Set<String> STRUCTURAL = Set.of("role", "id", "type", "index");

    private final long promptBytes;
    private long reported = -1;
    private long textBytes;
    private long textDeltas;

    StreamedTokens(Admitted a) {
        long bytes = 0;
        for (TextSlot slot : a.request().prompt().slots()) {
            bytes += TokenEstimate.utf8Bytes(slot.text());
        }
        this.promptBytes = bytes;
    }

    /** The guard, with every event it is handed counted here first. */
    StreamGuard observing(StreamGuard guard) {
        return new StreamGuard() {
            @Override
            public Future<Verdict> onEvent(SseEvent event) {
                observe(event);
                return guard.onEvent(event);
            }

            @Override
            public Future<List<SseEvent>> onEnd() {
                return guard.onEnd();
            }

            @Override
            public String decision() {
                return guard.decision();
            }
        };
    }

    /** Counts one upstream event: its usage if it reports one, else the text it streams. */
    void observe(SseEvent event) {
        String data = event.data();
        if (data == null || data.isEmpty() || data.charAt(0) != '{') {
            return;                                         // keep-alives, comments, [DONE]
        }
        JsonNode node;
        try {
            node = JSON.readTree(data);
        } catch (JsonProcessingException e) {
            return;                                         // the guard answers for a malformed event
        }
        long usage = Math.max(usage(node.path("usage")), usage(node.path("response").path("usage")));
        if (usage >= 0) {
            reported = Math.max(reported, usage);           // some servers repeat a running total on every chunk
        }
        for (JsonNode choice : node.path("choices")) {
            JsonNode delta = choice.get("delta");
            count(delta != null ? delta : choice.path("text"));
        }
        if (node.path("type").asText("").endsWith(".delta") && node.path("delta").isTextual()) {
            count(node.path("delta"));                      // a Responses stream's text delta
        }
    }

    /** The tokens to charge: the upstream's count, or the estimate of what was sent and streamed. */
    long total() {
        if (reported >= 0) {
            return reported;
        }
        return TokenEstimate.ofBytes(promptBytes) + Math.max(textDeltas, TokenEstimate.ofBytes(textBytes));
    }

    /** Whether the upstream reported its usage. */
    boolean reported() {
        return reported >= 0;
    }

    private static long usage(JsonNode usage) {
        if (usage.path("total_tokens").canConvertToLong()) {
            return usage.path("total_tokens").asLong();
        }
        return -1;
    }

    private void count(JsonNode delta) {
        long bytes = leafBytes(delta);
        if (bytes > 0) {
            textBytes += bytes;
            textDeltas++;
        }
    }

    /** The UTF-8 length of every string under a node, structural fields excepted. */
    private static long leafBytes(JsonNode node) {
        if (node.isTextual()) {
            return TokenEstimate.utf8Bytes(node.textValue());
        }
        long bytes = 0;
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!STRUCTURAL.contains(field.getKey())) {
                    bytes += leafBytes(field.getValue());
                }
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                bytes += leafBytes(item);
            }
        }
        return bytes;
    }
}
