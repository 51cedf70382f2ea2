package dev.rampart.gateway.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rampart.gateway.http.ApiError;
import dev.rampart.gateway.http.ApiFault;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Every text a model will read from a request, by construction: known fields and content-part types by allow-list,
 * each with its rule; media parts refused (no classifier for them is configurable yet); unknown part types rejected
 * with the {@code param} that holds them; and any field not on a list of fields known to carry no model-read text is
 * read whole ({@link TextLeaves}) — never forwarded unread.
 */
final class PromptTexts {
    /** Content-part types whose text a model reads, and the field that holds it. */
    private static final java.util.Map<String, String> TEXT_PARTS = java.util.Map.of(
            "text", "text", "input_text", "text", "output_text", "text", "refusal", "refusal",
            "thinking", "thinking", "reasoning", "text");
    /** Media parts: the default policy refuses what it cannot classify. */
    private static final Set<String> MEDIA_PARTS = Set.of("image_url", "input_image", "input_audio", "audio",
            "file", "input_file", "video_url", "video", "image");
    /** Message fields read by their own rule (content and tool calls); every other field is read whole. */
    private static final Set<String> MESSAGE_RULED = Set.of("role", "content", "tool_calls");
    /** Message fields that carry no text a model reads. */
    private static final Set<String> MESSAGE_OPAQUE = Set.of("tool_call_id", "prefix");
    /** Part fields that carry no model-read text. */
    private static final Set<String> PART_OPAQUE = Set.of("type", "cache_control", "signature", "id");
    /**
     * Top-level request fields known to carry no text a model reads (numbers, flags, ids, sampling settings,
     * stop sequences, metadata the platform stores). Every other top-level field, known or not, is read whole,
     * except the ones read by their own rule ({@code messages}, {@code prompt}, {@code input}, {@code suffix}).
     */
    static final Set<String> OPAQUE_TOP_LEVEL = Set.of("model", "stream", "stream_options", "temperature", "top_p",
            "n", "best_of", "max_tokens", "max_completion_tokens", "stop", "presence_penalty", "frequency_penalty",
            "logit_bias", "logprobs", "top_logprobs", "user", "seed", "parallel_tool_calls", "metadata", "store",
            "service_tier", "modalities", "reasoning_effort", "verbosity", "safety_identifier", "prompt_cache_key",
            "echo", "encoding_format", "dimensions", "top_k", "min_p", "repetition_penalty", "length_penalty",
            "min_tokens", "ignore_eos", "skip_special_tokens", "spaces_between_special_tokens", "include_stop_str_in_output",
            "priority", "audio", "messages", "prompt", "input", "suffix");

    private PromptTexts() {
    }

    /** The texts of one chat message (already validated for role and shape). */
    static void message(String role, ObjectNode message, String path, List<TextSlot> slots) {
        JsonNode content = message.get("content");
        if (content != null && content.isTextual()) {
            slots.add(TextSlot.field(role, message, "content"));
        } else if (content != null && content.isArray()) {
            parts(role, (ArrayNode) content, path + ".content", slots);
        }
        JsonNode toolCalls = message.get("tool_calls");
        if (toolCalls != null && toolCalls.isArray()) {
            for (JsonNode call : toolCalls) {
                if (call.isObject()) {
                    Iterator<String> names = call.fieldNames();
                    while (names.hasNext()) {
                        String key = names.next();
                        if (!"id".equals(key) && !"type".equals(key)) {
                            TextLeaves.collect(role, (ObjectNode) call, key, Set.of(), slots);
                        }
                    }
                }
            }
        }
        Iterator<String> names = message.fieldNames();
        while (names.hasNext()) {
            String key = names.next();
            if (!MESSAGE_RULED.contains(key) && !MESSAGE_OPAQUE.contains(key)) {
                // name, refusal, reasoning_content, reasoning, function_call, audio transcripts, and anything new
                TextLeaves.collect(role, message, key, Set.of(), slots);
            }
        }
    }

    /** The texts of content parts, by the part-type allow-list; media and unknown types refused with their path. */
    static void parts(String role, ArrayNode parts, String path, List<TextSlot> slots) {
        for (int j = 0; j < parts.size(); j++) {
            part(role, parts.get(j), path + "[" + j + "]", slots);
        }
    }

    /** The texts of one content part at {@code partPath}. */
    static void part(String role, JsonNode node, String partPath, List<TextSlot> slots) {
        if (!node.isObject()) {
            throw ApiFault.of(ApiError.INVALID_TYPE, partPath, "Invalid type for '" + partPath + "': expected an object.");
        }
        ObjectNode part = (ObjectNode) node;
        JsonNode typeNode = part.get("type");
        if (typeNode == null || !typeNode.isTextual()) {
            throw ApiFault.of(ApiError.MISSING_REQUIRED_PARAMETER, partPath + ".type",
                    "Missing required parameter: '" + partPath + ".type'.");
        }
        String type = typeNode.textValue();
        String field = TEXT_PARTS.get(type);
        if (field != null) {
            JsonNode text = part.get(field);
            if (text == null || !text.isTextual()) {
                throw ApiFault.of(ApiError.INVALID_TYPE, partPath + "." + field,
                        "Invalid type for '" + partPath + "." + field + "': expected a string.");
            }
            Iterator<String> names = part.fieldNames();
            while (names.hasNext()) {
                String key = names.next();
                if (!PART_OPAQUE.contains(key)) {
                    TextLeaves.collect(role, part, key, Set.of(), slots);
                }
            }
        } else if (MEDIA_PARTS.contains(type)) {
            throw unclassifiable(partPath + ".type", "Content parts of type '" + type
                    + "' cannot be checked by this gateway's guardrails and are refused; send text.");
        } else {
            throw unclassifiable(partPath + ".type", "Unknown content part type '"
                    + shown(type) + "' in '" + partPath + "'; the gateway forwards only content it can check.");
        }
    }

    static ApiFault unclassifiable(String param, String message) {
        return ApiFault.of(ApiError.UNCLASSIFIABLE_CONTENT, param, message);
    }

    /** Every top-level field that is neither opaque nor read by its endpoint's own rule, read whole. */
    static void otherFields(ObjectNode body, List<TextSlot> slots) {
        otherFields(body, OPAQUE_TOP_LEVEL, slots);
    }

    /** Every top-level field not in {@code opaque}, read whole (JSON-schema vocabulary skipped). */
    static void otherFields(ObjectNode body, Set<String> opaque, List<TextSlot> slots) {
        Iterator<String> names = body.fieldNames();
        java.util.List<String> keys = new java.util.ArrayList<>();
        names.forEachRemaining(keys::add);
        for (String key : keys) {
            if (!opaque.contains(key)) {
                // tools and functions (descriptions, parameter descriptions), tool_choice, response_format schemas,
                // prediction, chat_template and chat_template_kwargs, and any field this gateway does not know
                TextLeaves.collect("system", body, key, TextLeaves.SCHEMA_KEYWORDS, slots);
            }
        }
    }

    static String shown(String type) {
        return type.length() > 40 ? type.substring(0, 40) + "…" : type;
    }
}
