package dev.rampart.gateway.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
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
