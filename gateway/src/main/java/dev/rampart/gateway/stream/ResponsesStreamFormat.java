package dev.rampart.gateway.stream;


import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rampart.gateway.http.ApiFault;
import dev.rampart.gateway.http.ErrorBody;
import dev.rampart.policy.Decision;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Responses API events ({@code event:} and {@code data:} lines, each data a JSON object with its {@code type}; the
 * stream ends after {@code response.completed}, {@code response.incomplete} or {@code response.failed}, without
 * {@code [DONE]}). Every event is read whole, known type or not — text deltas and their {@code .done} copies,
 * function-call arguments, reasoning summaries, refusals, annotations, whole {@code item}s and {@code part}s — with
 * each text counted to the output item it belongs to ({@code output_index}). Events that carry the whole
 * {@code response} ({@code response.created}, {@code response.completed}, …) have its output items, its
 * {@code output_text} and its error read; the fields that echo the request (instructions, tools) were judged as the
 * prompt. A block ends the stream with {@code response.incomplete} for {@code content_filter}; an error with an
 * {@code error} event.
 */
public final class ResponsesStreamFormat implements StreamFormat {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Keys that type, number or identify an event or item rather than carry text. */
    private static final Set<String> STRUCTURAL = Set.of("type", "sequence_number", "output_index", "content_index",
            "item_id", "summary_index", "annotation_index", "id", "call_id", "status", "role", "encrypted_content",
            "logprobs", "obfuscation");
    private static final TextLeafWalk LEAVES = new TextLeafWalk(STRUCTURAL, true);
    /** The response object's fields the model generated (the rest echo the request or count tokens). */
    private static final Set<String> GENERATED = Set.of("output", "output_text", "error");

    private ObjectNode snapshot;
    private long sequence = -1;

    @Override
    public void read(ObjectNode event, TextSink sink) {
        if (event.path("sequence_number").canConvertToLong()) {
            sequence = Math.max(sequence, event.path("sequence_number").asLong());
        }
        int answer = event.path("output_index").asInt(0);
        sink.answer(answer);
        List<String> keys = new ArrayList<>();
        event.fieldNames().forEachRemaining(keys::add);
        for (String key : keys) {
            if ("response".equals(key) && event.get(key) instanceof ObjectNode response) {
                response(response, sink);
            } else if (!STRUCTURAL.contains(key)) {
                LEAVES.leaves(sink, answer, event, event, key);
            }
        }
    }

    /** A whole response: each output item counted to its index; the snapshot kept for the gateway's own end. */
    private void response(ObjectNode response, TextSink sink) {
        snapshot = response.deepCopy();
        List<String> keys = new ArrayList<>();
        response.fieldNames().forEachRemaining(keys::add);
        for (String key : keys) {
            if ("output".equals(key) && response.get(key) instanceof ArrayNode output) {
                for (int i = 0; i < output.size(); i++) {
                    if (output.get(i) instanceof ObjectNode item) {
                        sink.answer(i);
                        List<String> itemKeys = new ArrayList<>();
                        item.fieldNames().forEachRemaining(itemKeys::add);
                        for (String itemKey : itemKeys) {
                            LEAVES.leaves(sink, i, item, item, itemKey);
                        }
                    }
                }
            } else if (GENERATED.contains(key)) {
                LEAVES.leaves(sink, 0, response, response, key);
            }
        }
    }

    @Override
    public SseEvent rewritten(SseEvent original, ObjectNode json) {
        String type = json.path("type").asText("");
        return type.isEmpty() ? SseEvent.ofData(json.toString()) : SseEvent.of(type, json.toString());
    }

    /** The Responses API has no place for per-window annotations. */
    @Override
    public SseEvent annotation(int answer, Decision decision, int windowStart, int windowEnd) {
        return null;
    }

    /** {@code response.incomplete}: the response as last seen, no output, {@code incomplete_details: content_filter}. */
    @Override
    public List<SseEvent> stopped(Stop stop) {
        ObjectNode response = snapshot != null ? snapshot.deepCopy() : JSON.createObjectNode()
                .put("id", "resp_rampart").put("object", "response");
        response.put("status", "incomplete");
        response.putObject("incomplete_details").put("reason", "content_filter");
        response.putArray("output");
        if (response.has("output_text")) {
            response.put("output_text", "");
        }
        ObjectNode event = JSON.createObjectNode().put("type", "response.incomplete");
        event.set("response", response);
        event.put("sequence_number", ++sequence);
        return List.of(SseEvent.of("response.incomplete", event.toString()));
    }

    /**
     * An {@code error} event: the Responses API's fields ({@code code}, {@code message}, {@code param}) and the
     * OpenAI error object beside them, which the SDKs' stream readers raise as an API error.
     */
    @Override
    public List<SseEvent> failed(ApiFault fault) {
        ObjectNode event = JSON.createObjectNode().put("type", "error");
        event.put("code", fault.code());
        event.put("message", fault.getMessage());
        if (fault.param() == null) {
            event.putNull("param");
        } else {
            event.put("param", fault.param());
        }
        try {
            event.set("error", JSON.readTree(ErrorBody.of(fault).getBytes()).path("error"));
        } catch (IOException e) {
            throw new IllegalStateException("the error body is JSON", e);
        }
        event.put("sequence_number", ++sequence);
        return List.of(SseEvent.of("error", event.toString()));
    }

    @Override
    public List<SseEvent> end() {
        return List.of();
    }
}
