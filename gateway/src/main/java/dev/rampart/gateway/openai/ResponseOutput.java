package dev.rampart.gateway.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The generated text of a Responses API reply (a {@code response} object), and how a blocked or redacted one is
 * rewritten. Every output item is read whole — message parts ({@code output_text}, {@code refusal}, annotations),
 * function and custom tool call arguments, reasoning summaries and content, built-in tool calls and any item type a
 * model server adds — except the fields that identify or sequence an item. The {@code output_text} convenience field
 * is never trusted: it is recomputed from the message parts, so it says what they say after the guard.
 */
public final class ResponseOutput {
    /** Keys that identify, type or sequence a node rather than carry text; log probabilities are dropped on rewrite. */
    static final Set<String> STRUCTURAL = Set.of("id", "type", "status", "role", "call_id", "item_id",
            "encrypted_content", "logprobs");

    private ResponseOutput() {
    }

    /** Every text of the response's output items, as one guarded text (a response is one answer, like one choice). */
    public static GuardedText texts(ObjectNode response) {
        settleOutputText(response);
        List<TextSlot> slots = new ArrayList<>();
        for (JsonNode item : response.path("output")) {
            if (item instanceof ObjectNode object) {
                List<String> keys = new ArrayList<>();
                object.fieldNames().forEachRemaining(keys::add);
                for (String key : keys) {
                    if (!STRUCTURAL.contains(key)) {
                        TextLeaves.collect("assistant", object, key, STRUCTURAL, slots);
                    }
                }
            }
        }
        return new GuardedText(slots);
    }

    /**
     * Replaces the whole output by one message holding the refusal and marks the response incomplete for
     * {@code content_filter}, as the upstream does when its own filter stops a response.
     */
    public static void block(ObjectNode response, String refusal) {
        ArrayNode output = response.putArray("output");
        output.add(refusalMessage(response.path("id").asText("resp"), refusal));
        response.put("status", "incomplete");
        response.putObject("incomplete_details").put("reason", "content_filter");
        settleOutputText(response);
    }

    /** After a redaction: the log probabilities spelled out the text as generated, and {@code output_text} follows. */
    public static void redacted(ObjectNode response) {
        for (JsonNode item : response.path("output")) {
            for (JsonNode part : item.path("content")) {
                if (part instanceof ObjectNode p && p.has("logprobs")) {
                    p.putArray("logprobs");
                }
            }
        }
        settleOutputText(response);
    }

    /** A message output item holding only the refusal. */
    static ObjectNode refusalMessage(String responseId, String refusal) {
        ObjectNode message = JsonNodeFactory.instance.objectNode();
        message.put("type", "message");
        message.put("id", "msg_" + responseId.replaceFirst("^resp_", "") + "_rampart");
        message.put("status", "completed");
        message.put("role", "assistant");
        ObjectNode part = message.putArray("content").addObject();
        part.put("type", "output_text");
        part.put("text", refusal);
        part.putArray("annotations");
        return message;
    }

    /** Sets {@code output_text}, where the reply has one, to the concatenation of the messages' text parts. */
    static void settleOutputText(ObjectNode response) {
        if (!response.has("output_text")) {
            return;
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode item : response.path("output")) {
            if ("message".equals(item.path("type").asText())) {
                for (JsonNode part : item.path("content")) {
                    if ("output_text".equals(part.path("type").asText()) && part.path("text").isTextual()) {
                        text.append(part.path("text").textValue());
                    }
                }
            }
        }
        response.put("output_text", text.toString());
    }
}
