package dev.rampart.gateway.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rampart.gateway.openai.Endpoint;
import dev.rampart.gateway.openai.GuardedText;
import dev.rampart.gateway.openai.ResponseOutput;
import dev.rampart.gateway.openai.TextSlot;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Finds every text of each choice of a non-streamed upstream reply (every field of the message the client will read,
 * not just {@code content}), and rewrites a blocked choice, log probabilities included. A Responses API reply is one
 * answer, its output items together ({@link ResponseOutput}).
 */
final class CompletionTexts {
    private CompletionTexts() {
    }

    /** One guarded text per choice, in choice order. */
    static List<GuardedText> choices(Endpoint endpoint, ObjectNode reply) {
        if (endpoint == Endpoint.RESPONSES) {
            return List.of(ResponseOutput.texts(reply)); // a response is one answer: its output items together
        }
        List<GuardedText> out = new ArrayList<>();
        for (JsonNode choice : reply.path("choices")) {
            if (!choice.isObject()) {
                continue;
            }
            List<TextSlot> slots = new ArrayList<>();
            if (endpoint == Endpoint.CHAT_COMPLETIONS) {
                if (choice.path("message") instanceof ObjectNode message) {
                    // content (a string or parts), refusal, reasoning_content, tool calls, legacy function_call,
                    // audio transcripts, and any field a model server adds: every text the client will read
                    Iterator<String> names = message.fieldNames();
                    while (names.hasNext()) {
                        String key = names.next();
                        if (!"role".equals(key)) {
                            ReplyLeaves.collect(message, key, slots);
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

    /**
     * Removes a choice's log probabilities: their tokens spell out the text as generated, so once the text was
     * replaced or redacted they would leak what the guard took out.
     */
    static void dropLogprobs(ObjectNode choice) {
        if (choice.has("logprobs")) {
            choice.putNull("logprobs");
        }
    }

    /** After a redaction of choice {@code choiceIndex}: what spelled out the text as generated goes too. */
    static void redacted(Endpoint endpoint, ObjectNode reply, int choiceIndex) {
        if (endpoint == Endpoint.RESPONSES) {
            ResponseOutput.redacted(reply);
            return;
        }
        List<ObjectNode> choices = choiceNodes(reply);
        if (choiceIndex < choices.size()) {
            dropLogprobs(choices.get(choiceIndex));
        }
    }

    /** The choice objects of a reply, in order (non-objects skipped, as {@link #choices} does). */
    static List<ObjectNode> choiceNodes(ObjectNode reply) {
        List<ObjectNode> out = new ArrayList<>();
        for (JsonNode choice : reply.path("choices")) {
            if (choice instanceof ObjectNode c) {
                out.add(c);
            }
        }
        return out;
    }

    /** Replaces a choice's generated content with the refusal and marks it {@code content_filter}. */
    static void block(Endpoint endpoint, ObjectNode reply, int choiceIndex, String refusal) {
        if (endpoint == Endpoint.RESPONSES) {
            ResponseOutput.block(reply, refusal);
            return;
        }
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
            }
            dropLogprobs(c);
            c.put("finish_reason", "content_filter");
        }
    }
}
