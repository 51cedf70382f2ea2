package dev.rampart.gateway.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rampart.gateway.http.ApiFault;
import dev.rampart.gateway.http.ErrorBody;
import dev.rampart.policy.Action;
import dev.rampart.policy.Decision;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Chat completion and text completion chunks ({@code data:} only, ended by {@code data: [DONE]}): every text of each
 * choice's {@code delta} (content, refusal, reasoning, tool-call and function-call arguments, any field a model
 * server adds) or its {@code text}; a block ends every choice with {@code finish_reason: content_filter}.
 */
public final class ChatStreamFormat implements StreamFormat {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Delta keys that structure a chunk rather than carry text. */
    private static final Set<String> STRUCTURAL = Set.of("id", "type", "index");
    private static final TextLeafWalk LEAVES = new TextLeafWalk(STRUCTURAL, false);

    private String id = "chatcmpl-rampart";
    private String model = "";
    private String object = "chat.completion.chunk";
    private long created;

    @Override
    public void read(ObjectNode json, TextSink sink) {
        remember(json);
        for (JsonNode choiceNode : json.path("choices")) {
            if (!(choiceNode instanceof ObjectNode choice)) {
                continue;
            }
            int index = choice.path("index").asInt(0);
            sink.answer(index);
            if (choice.path("delta") instanceof ObjectNode delta) {
                // content (a string or parts), refusal, reasoning_content, tool-call and legacy function_call
                // arguments, and any field a model server adds: every text the client will read
                List<String> keys = new ArrayList<>();
                delta.fieldNames().forEachRemaining(keys::add);
                for (String key : keys) {
                    if (!"role".equals(key)) {
                        LEAVES.leaves(sink, index, choice, delta, key);
                    }
                }
            } else {
                sink.text(index, choice, "text", -1, choice);
            }
        }
    }

    private void remember(ObjectNode json) {
        if (json.path("id").isTextual()) {
            id = json.path("id").textValue();
        }
        if (json.path("model").isTextual()) {
            model = json.path("model").textValue();
        }
        if (json.path("object").isTextual()) {
            object = json.path("object").textValue();
        }
        if (json.path("created").isNumber()) {
            created = json.path("created").asLong();
        }
    }

    @Override
    public SseEvent rewritten(SseEvent original, ObjectNode json) {
        return SseEvent.ofData(json.toString());
    }

    @Override
    public SseEvent annotation(int choice, Decision decision, int windowStart, int windowEnd) {
        return SseEvent.ofData(annotationChunk(choice, decision, windowStart, windowEnd).toString());
    }

    /** An Azure-style annotation: per category whether it was filtered or detected, and which text was checked. */
    private ObjectNode annotationChunk(int choice, Decision decision, int windowStart, int windowEnd) {
        ObjectNode chunk = header();
        ObjectNode c = chunk.putArray("choices").addObject();
        c.put("index", choice);
        if (object.startsWith("chat")) {
            c.putObject("delta");
        }
        ObjectNode results = c.putObject("content_filter_results");
        for (var f : decision.findings()) {
            ObjectNode r = results.putObject(f.category());
            r.put("filtered", f.acted() == Action.BLOCK   // monitored findings never filter
                    || f.acted() == Action.REDACT);
            r.put("detected", f.fired());
            if (!Double.isNaN(f.score())) {
                r.put("score", f.score());
            }
        }
        c.putObject("content_filter_offsets").put("check_offset", 0).put("start_offset", windowStart)
                .put("end_offset", windowEnd);
        return chunk;
    }

    private ObjectNode header() {
        ObjectNode chunk = JSON.createObjectNode();
        chunk.put("id", id);
        chunk.put("object", object);
        chunk.put("created", created);
        chunk.put("model", model);
        return chunk;
    }

    /** The final chunk ending every choice with {@code content_filter}. */
    @Override
    public List<SseEvent> stopped(Stop stop) {
        ObjectNode chunk = header();
        ArrayNode array = chunk.putArray("choices");
        boolean chat = object.startsWith("chat");
        for (Integer index : stop.answers().isEmpty() ? Set.of(0) : stop.answers()) {
            ObjectNode c = array.addObject();
            c.put("index", index);
            if (chat) {
                c.putObject("delta");
            } else {
                c.put("text", "");
            }
            c.put("finish_reason", "content_filter");
            if (stop.annotate() && stop.block() != null && index == stop.blockedAnswer()) {
                ObjectNode annotated = annotationChunk(index, stop.block(), stop.windowStart(), stop.windowEnd());
                ObjectNode first = (ObjectNode) annotated.withArray("choices").get(0);
                c.set("content_filter_results", first.get("content_filter_results"));
                c.set("content_filter_offsets", first.get("content_filter_offsets"));
            }
        }
        return List.of(SseEvent.ofData(chunk.toString()));
    }

    @Override
    public List<SseEvent> failed(ApiFault fault) {
        return List.of(SseEvent.ofData(ErrorBody.of(fault).toString()));
    }

    @Override
    public List<SseEvent> end() {
        return List.of(SseEvent.DONE);
    }
}
