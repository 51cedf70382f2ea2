package dev.rampart.gateway.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rampart.gateway.stream.SseEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Builds the OpenAI-shaped bodies the gateway answers with itself: refusals and the moderation response. */
public final class Replies {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Clock clock;

    public Replies(Clock clock) {
        this.clock = clock;
    }

    /** A complete chat completion or text completion whose only choice is the refusal. */
    public ObjectNode refusal(Endpoint endpoint, String requestId, String model, String message) {
        if (endpoint == Endpoint.RESPONSES) {
            return responseRefusal(requestId, model, message, "incomplete");
        }
        ObjectNode root = JSON.createObjectNode();
        boolean chat = endpoint == Endpoint.CHAT_COMPLETIONS;
        root.put("id", (chat ? "chatcmpl-" : "cmpl-") + requestId);
        root.put("object", chat ? "chat.completion" : "text_completion");
        root.put("created", clock.instant().getEpochSecond());
        root.put("model", model);
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        if (chat) {
            ObjectNode msg = choice.putObject("message");
            msg.put("role", "assistant");
            msg.put("content", message);
            msg.putNull("refusal");
        } else {
            choice.put("text", message);
            choice.putNull("logprobs");
        }
        choice.put("finish_reason", "content_filter");
        ObjectNode usage = root.putObject("usage");
        usage.put("prompt_tokens", 0);
        usage.put("completion_tokens", 0);
        usage.put("total_tokens", 0);
        return root;
    }

    /**
     * The refusal as the events of a stream: for chat and completions the chunks of {@link #refusalChunks} and
     * {@code [DONE]}; for the Responses API the event sequence of a one-message response that ends
     * {@code response.incomplete} for {@code content_filter} (that API ends its streams without {@code [DONE]}).
     */
    public List<SseEvent> refusalEvents(Endpoint endpoint, String requestId, String model, String message) {
        List<SseEvent> events = new ArrayList<>();
        if (endpoint != Endpoint.RESPONSES) {
            refusalChunks(endpoint, requestId, model, message).forEach(data -> events.add(SseEvent.ofData(data)));
            events.add(SseEvent.DONE);
            return events;
        }
        ObjectNode started = responseRefusal(requestId, model, message, "in_progress");
        started.putArray("output");
        started.putNull("incomplete_details");
        ObjectNode done = responseRefusal(requestId, model, message, "incomplete");
        ObjectNode item = (ObjectNode) done.path("output").get(0);
        String itemId = item.path("id").asText();
        ObjectNode emptyItem = item.deepCopy().put("status", "in_progress");
        emptyItem.putArray("content");
        ObjectNode part = (ObjectNode) item.path("content").get(0);
        ObjectNode emptyPart = part.deepCopy().put("text", "");
        int[] seq = {0};
        java.util.function.BiConsumer<String, ObjectNode> add = (type, data) -> {
            ObjectNode event = JSON.createObjectNode().put("type", type);
            event.setAll(data);
            event.put("sequence_number", seq[0]++);
            events.add(SseEvent.of(type, event.toString()));
        };
        add.accept("response.created", JSON.createObjectNode().set("response", started));
        add.accept("response.in_progress", JSON.createObjectNode().set("response", started));
        add.accept("response.output_item.added", JSON.createObjectNode().put("output_index", 0).set("item", emptyItem));
        add.accept("response.content_part.added", JSON.createObjectNode().put("item_id", itemId).put("output_index", 0)
                .put("content_index", 0).set("part", emptyPart));
        add.accept("response.output_text.delta", JSON.createObjectNode().put("item_id", itemId).put("output_index", 0)
                .put("content_index", 0).put("delta", message));
        add.accept("response.output_text.done", JSON.createObjectNode().put("item_id", itemId).put("output_index", 0)
                .put("content_index", 0).put("text", message));
        add.accept("response.content_part.done", JSON.createObjectNode().put("item_id", itemId).put("output_index", 0)
                .put("content_index", 0).set("part", part));
        add.accept("response.output_item.done", JSON.createObjectNode().put("output_index", 0).set("item", item));
        add.accept("response.incomplete", JSON.createObjectNode().set("response", done));
        return events;
    }

    /** A Responses API {@code response} whose only output is a message holding the refusal. */
    private ObjectNode responseRefusal(String requestId, String model, String message, String status) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "resp_" + requestId);
        root.put("object", "response");
        root.put("created_at", clock.instant().getEpochSecond());
        root.put("status", status);
        root.putNull("error");
        root.putObject("incomplete_details").put("reason", "content_filter");
        root.putNull("instructions");
        root.put("model", model);
        root.putArray("output").add(ResponseOutput.refusalMessage("resp_" + requestId, message));
        root.put("parallel_tool_calls", true);
        root.put("tool_choice", "auto");
        root.putArray("tools");
        root.putObject("metadata");
        ObjectNode usage = root.putObject("usage");
        usage.put("input_tokens", 0);
        usage.putObject("input_tokens_details").put("cached_tokens", 0);
        usage.put("output_tokens", 0);
        usage.putObject("output_tokens_details").put("reasoning_tokens", 0);
        usage.put("total_tokens", 0);
        return root;
    }

    /** The refusal as stream chunks: one with the text, one with {@code finish_reason: content_filter}. */
    public List<String> refusalChunks(Endpoint endpoint, String requestId, String model, String message) {
        boolean chat = endpoint == Endpoint.CHAT_COMPLETIONS;
        ObjectNode first = chunk(chat, requestId, model);
        ObjectNode firstChoice = (ObjectNode) first.withArray("choices").get(0);
        if (chat) {
            firstChoice.putObject("delta").put("role", "assistant").put("content", message);
        } else {
            firstChoice.put("text", message);
        }
        firstChoice.putNull("finish_reason");
        ObjectNode last = chunk(chat, requestId, model);
        ObjectNode lastChoice = (ObjectNode) last.withArray("choices").get(0);
        if (chat) {
            lastChoice.putObject("delta");
        } else {
            lastChoice.put("text", "");
        }
        lastChoice.put("finish_reason", "content_filter");
        return List.of(first.toString(), last.toString());
    }

    private ObjectNode chunk(boolean chat, String requestId, String model) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", (chat ? "chatcmpl-" : "cmpl-") + requestId);
        root.put("object", chat ? "chat.completion.chunk" : "text_completion");
        root.put("created", clock.instant().getEpochSecond());
        root.put("model", model);
        root.putArray("choices").addObject().put("index", 0);
        return root;
    }

    public ObjectNode moderationResponse(String requestId, String model, List<ObjectNode> results) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "modr-" + requestId);
        root.put("model", model);
        ArrayNode array = root.putArray("results");
        results.forEach(array::add);
        return root;
    }

    public static JsonNode parse(byte[] bytes) throws java.io.IOException {
        return JSON.readTree(bytes);
    }
}
