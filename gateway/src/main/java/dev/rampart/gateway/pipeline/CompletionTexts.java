package dev.rampart.gateway.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rampart.gateway.openai.Endpoint;
import dev.rampart.gateway.openai.GuardedText;
import dev.rampart.gateway.openai.TextSlot;
import java.util.ArrayList;
import java.util.List;

/** Finds the generated text of each choice of a non-streamed upstream reply, and rewrites a blocked choice. */
final class CompletionTexts {
    private CompletionTexts() {
    }

    /** One guarded text per choice, in choice order. */
    static List<GuardedText> choices(Endpoint endpoint, ObjectNode reply) {
        List<GuardedText> out = new ArrayList<>();
        for (JsonNode choice : reply.path("choices")) {
            if (!choice.isObject()) {
                continue;
            }
            List<TextSlot> slots = new ArrayList<>();
            if (endpoint == Endpoint.CHAT_COMPLETIONS) {
                JsonNode message = choice.path("message");
                if (message.isObject()) {
                    if (message.path("content").isTextual()) {
                        slots.add(TextSlot.field("assistant", (ObjectNode) message, "content"));
                    }
                    if (message.path("refusal").isTextual()) {
                        slots.add(TextSlot.field("assistant", (ObjectNode) message, "refusal"));
                    }
                    for (JsonNode call : message.path("tool_calls")) {
                        JsonNode function = call.path("function");
                        if (function.isObject() && function.path("arguments").isTextual()) {
                            slots.add(TextSlot.field("assistant", (ObjectNode) function, "arguments"));
                        }
                    }
                }
            } else if (choice.path("text").isTextual()) {
                slots.add(TextSlot.field("assistant", (ObjectNode) choice, "text"));
            }
            out.add(new GuardedText(slots));
        }
        return out;
    }

    /** Replaces a choice's generated content with the refusal and marks it {@code content_filter}. */
    static void block(Endpoint endpoint, ObjectNode reply, int choiceIndex, String refusal) {
        int i = 0;
        for (JsonNode choice : reply.path("choices")) {
            if (!choice.isObject()) {
                continue;
            }
            if (i++ != choiceIndex) {
                continue;
            }
            ObjectNode c = (ObjectNode) choice;
            if (endpoint == Endpoint.CHAT_COMPLETIONS) {
                ObjectNode message = c.putObject("message");
                message.put("role", "assistant");
                message.put("content", refusal);
                message.putNull("refusal");
            } else {
                c.put("text", refusal);
                c.putNull("logprobs");
            }
            c.put("finish_reason", "content_filter");
        }
    }
}
