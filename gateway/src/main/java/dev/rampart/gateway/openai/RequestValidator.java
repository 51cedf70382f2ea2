package dev.rampart.gateway.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rampart.gateway.http.ApiError;
import dev.rampart.gateway.http.ApiFault;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Validates OpenAI request bodies against the public API's schema (required fields, types, ranges) and collects the
 * texts the prompt guard must check ({@link PromptTexts}: every text a model will read, by construction). Unknown
 * fields pass through — as the OpenAI API grows — but only after their texts were read like any other. Inputs that
 * cannot be checked (token-id prompts, media parts, unknown part types) are rejected rather than waved through.
 */
public final class RequestValidator {
    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool", "function");
    private static final int MAX_MODEL_LENGTH = 256;
    private static final int MAX_MESSAGES = 4096;
    private static final int MAX_INPUTS = 2048;

    private RequestValidator() {
    }

    public static ParsedRequest validate(Endpoint endpoint, ObjectNode body) {
        return switch (endpoint) {
            case CHAT_COMPLETIONS -> chat(body);
            case COMPLETIONS -> completions(body);
            case RESPONSES -> responses(body);
            case EMBEDDINGS -> embeddings(body);
            case MODERATIONS -> moderations(body);
        };
    }

    private static ParsedRequest chat(ObjectNode body) {
        String model = model(body, true);
        JsonNode messages = body.get("messages");
        if (messages == null || messages.isNull()) {
            throw missing("messages");
        }
        if (!messages.isArray()) {
            throw type("messages", "an array");
        }
        if (messages.isEmpty()) {
            throw ApiFault.of(ApiError.INVALID_REQUEST, "messages", "'messages' must contain at least one message.");
        }
        if (messages.size() > MAX_MESSAGES) {
            throw ApiFault.of(ApiError.INVALID_REQUEST, "messages", "'messages' must contain at most " + MAX_MESSAGES + " messages.");
        }
        List<TextSlot> slots = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            message((ObjectNode) object(messages.get(i), "messages[" + i + "]"), "messages[" + i + "]", slots);
        }
        boolean stream = bool(body, "stream");
        checkCommonSampling(body);
        integer(body, "n", 1, 128);
        integer(body, "max_tokens", 1, Integer.MAX_VALUE);
        integer(body, "max_completion_tokens", 1, Integer.MAX_VALUE);
        bool(body, "logprobs");
        integer(body, "top_logprobs", 0, 20);
        bool(body, "parallel_tool_calls");
        integer(body, "seed", Long.MIN_VALUE, Long.MAX_VALUE);
        stop(body);
        optionalObject(body, "response_format");
        optionalObject(body, "logit_bias");
        optionalObject(body, "metadata");
        streamOptions(body, stream);
        JsonNode tools = body.get("tools");
        if (tools != null && !tools.isNull() && !tools.isArray()) {
            throw type("tools", "an array");
        }
        PromptTexts.otherFields(body, slots);
        return new ParsedRequest(Endpoint.CHAT_COMPLETIONS, body, model, stream, new GuardedText(slots));
    }

    private static void message(ObjectNode message, String path, List<TextSlot> slots) {
        JsonNode roleNode = message.get("role");
        if (roleNode == null || roleNode.isNull()) {
            throw missing(path + ".role");
        }
        if (!roleNode.isTextual()) {
            throw type(path + ".role", "a string");
        }
        String role = roleNode.textValue();
        if (!ROLES.contains(role)) {
            throw ApiFault.of(ApiError.INVALID_REQUEST, path + ".role",
                    "Invalid value for '" + path + ".role': expected one of system, developer, user, assistant, tool.");
        }
        JsonNode content = message.get("content");
        boolean hasToolCalls = message.hasNonNull("tool_calls") || message.hasNonNull("function_call");
        if (content == null || content.isNull()) {
            if (!("assistant".equals(role) && hasToolCalls)) {
                throw missing(path + ".content");
            }
        } else if (!content.isTextual() && !content.isArray()) {
            throw type(path + ".content", "a string or an array of content parts");
        }
        JsonNode name = message.get("name");
        if (name != null && !name.isNull() && !name.isTextual()) {
            throw type(path + ".name", "a string");
        }
        JsonNode toolCalls = message.get("tool_calls");
        if (toolCalls != null && !toolCalls.isNull()) {
            if (!toolCalls.isArray()) {
                throw type(path + ".tool_calls", "an array");
            }
            for (int j = 0; j < toolCalls.size(); j++) {
                String callPath = path + ".tool_calls[" + j + "]";
                ObjectNode call = (ObjectNode) object(toolCalls.get(j), callPath);
                JsonNode function = call.get("function");
                if (function != null && function.isObject() && function.has("arguments")) {
                    if (!function.get("arguments").isTextual()) {
                        throw type(callPath + ".function.arguments", "a string");
                    }
                }
            }
        }
        PromptTexts.message(role, message, path, slots);
    }

    private static ParsedRequest completions(ObjectNode body) {
        String model = model(body, true);
        JsonNode prompt = body.get("prompt");
        if (prompt == null || prompt.isNull()) {
            throw missing("prompt");
        }
        List<TextSlot> slots = new ArrayList<>();
        if (prompt.isTextual()) {
            slots.add(TextSlot.field("user", body, "prompt"));
        } else if (prompt.isArray()) {
            textArray((ArrayNode) prompt, "prompt", slots);
        } else {
            throw type("prompt", "a string or an array of strings");
        }
        JsonNode suffix = body.get("suffix");
        if (suffix != null && !suffix.isNull()) {
            if (!suffix.isTextual()) {
                throw type("suffix", "a string");
            }
            slots.add(TextSlot.field("user", body, "suffix"));
        }
        boolean stream = bool(body, "stream");
        checkCommonSampling(body);
        integer(body, "n", 1, 128);
        integer(body, "best_of", 1, 128);
        integer(body, "max_tokens", 0, Integer.MAX_VALUE);
        integer(body, "logprobs", 0, 5);
        integer(body, "seed", Long.MIN_VALUE, Long.MAX_VALUE);
        bool(body, "echo");
        stop(body);
        optionalObject(body, "logit_bias");
        streamOptions(body, stream);
        PromptTexts.otherFields(body, slots);
        return new ParsedRequest(Endpoint.COMPLETIONS, body, model, stream, new GuardedText(slots));
    }

    /** {@code POST /v1/responses}: the texts by {@link ResponseInputTexts}, the numbers and flags by the public schema. */
    private static ParsedRequest responses(ObjectNode body) {
        String model = model(body, true);
        List<TextSlot> slots = ResponseInputTexts.read(body);
        boolean stream = bool(body, "stream");
        number(body, "temperature", 0, 2);
        number(body, "top_p", 0, 1);
        integer(body, "max_output_tokens", 1, Integer.MAX_VALUE);
        integer(body, "max_tool_calls", 1, Integer.MAX_VALUE);
        integer(body, "top_logprobs", 0, 20);
        bool(body, "parallel_tool_calls");
        bool(body, "store");
        bool(body, "background");
        optionalObject(body, "metadata");
        JsonNode user = body.get("user");
        if (user != null && !user.isNull() && !user.isTextual()) {
            throw type("user", "a string");
        }
        streamOptions(body, stream);
        JsonNode tools = body.get("tools");
        if (tools != null && !tools.isNull() && !tools.isArray()) {
            throw type("tools", "an array");
        }
        return new ParsedRequest(Endpoint.RESPONSES, body, model, stream, new GuardedText(slots));
    }

    private static ParsedRequest embeddings(ObjectNode body) {
        String model = model(body, true);
        JsonNode input = body.get("input");
        if (input == null || input.isNull()) {
            throw missing("input");
        }
        List<TextSlot> slots = new ArrayList<>();
        if (input.isTextual()) {
            if (input.textValue().isEmpty()) {
                throw ApiFault.of(ApiError.INVALID_REQUEST, "input", "'input' must not be an empty string.");
            }
            slots.add(TextSlot.field("user", body, "input"));
        } else if (input.isArray()) {
            textArray((ArrayNode) input, "input", slots);
        } else {
            throw type("input", "a string or an array of strings");
        }
        JsonNode format = body.get("encoding_format");
        if (format != null && !format.isNull()
                && !(format.isTextual() && Set.of("float", "base64").contains(format.textValue()))) {
            throw ApiFault.of(ApiError.INVALID_REQUEST, "encoding_format", "'encoding_format' must be 'float' or 'base64'.");
        }
        integer(body, "dimensions", 1, 65_536);
        PromptTexts.otherFields(body, slots);
        return new ParsedRequest(Endpoint.EMBEDDINGS, body, model, false, new GuardedText(slots));
    }

    private static ParsedRequest moderations(ObjectNode body) {
        String model = model(body, false);
        JsonNode input = body.get("input");
        if (input == null || input.isNull()) {
            throw missing("input");
        }
        List<TextSlot> slots = new ArrayList<>();
        if (input.isTextual()) {
            slots.add(TextSlot.field("user", body, "input"));
        } else if (input.isArray()) {
            if (input.isEmpty()) {
                throw ApiFault.of(ApiError.INVALID_REQUEST, "input", "'input' must contain at least one item.");
            }
            if (input.size() > MAX_INPUTS) {
                throw ApiFault.of(ApiError.INVALID_REQUEST, "input", "'input' must contain at most " + MAX_INPUTS + " items.");
            }
            for (int i = 0; i < input.size(); i++) {
                JsonNode item = input.get(i);
                String path = "input[" + i + "]";
                if (item.isTextual()) {
                    slots.add(TextSlot.element("user", (ArrayNode) input, i));
                } else if (item.isObject()) {
                    JsonNode type = item.get("type");
                    if (type == null || !type.isTextual()) {
                        throw missing(path + ".type");
                    }
                    if ("text".equals(type.textValue())) {
                        if (!item.path("text").isTextual()) {
                            throw type(path + ".text", "a string");
                        }
                        slots.add(TextSlot.field("user", (ObjectNode) item, "text"));
                    } else if ("image_url".equals(type.textValue())) {
                        throw ApiFault.of(ApiError.UNCLASSIFIABLE_CONTENT, path + ".type",
                                "Image inputs cannot be checked by this gateway's classifiers; send text.");
                    } else {
                        throw ApiFault.of(ApiError.INVALID_REQUEST, path + ".type", "'" + path + ".type' must be 'text' or 'image_url'.");
                    }
                } else {
                    throw type(path, "a string or a content object");
                }
            }
        } else {
            throw type("input", "a string or an array");
        }
        return new ParsedRequest(Endpoint.MODERATIONS, body, model, false, new GuardedText(slots));
    }

    private static void textArray(ArrayNode array, String param, List<TextSlot> slots) {
        if (array.isEmpty()) {
            throw ApiFault.of(ApiError.INVALID_REQUEST, param, "'" + param + "' must contain at least one item.");
        }
        if (array.size() > MAX_INPUTS) {
            throw ApiFault.of(ApiError.INVALID_REQUEST, param, "'" + param + "' must contain at most " + MAX_INPUTS + " items.");
        }
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            if (item.isTextual()) {
                slots.add(TextSlot.element("user", array, i));
            } else if (item.isIntegralNumber() || item.isArray()) {
                throw ApiFault.of(ApiError.UNSUPPORTED_INPUT_FORMAT, param,
                        "Token-id inputs cannot be moderated by this gateway; send '" + param + "' as text.");
            } else {
                throw type(param + "[" + i + "]", "a string");
            }
        }
    }

    private static String model(ObjectNode body, boolean required) {
        JsonNode model = body.get("model");
        if (model == null || model.isNull()) {
            if (required) {
                throw missing("model");
            }
            return null;
        }
        if (!model.isTextual()) {
            throw type("model", "a string");
        }
        String value = model.textValue();
        if (value.isBlank() || value.length() > MAX_MODEL_LENGTH) {
            throw ApiFault.of(ApiError.INVALID_REQUEST, "model", "'model' must be a non-empty string of at most "
                    + MAX_MODEL_LENGTH + " characters.");
        }
        return value;
    }

    private static void checkCommonSampling(ObjectNode body) {
        number(body, "temperature", 0, 2);
        number(body, "top_p", 0, 1);
        number(body, "presence_penalty", -2, 2);
        number(body, "frequency_penalty", -2, 2);
        JsonNode user = body.get("user");
        if (user != null && !user.isNull() && !user.isTextual()) {
            throw type("user", "a string");
        }
    }

    private static void streamOptions(ObjectNode body, boolean stream) {
        JsonNode options = body.get("stream_options");
        if (options != null && !options.isNull()) {
            if (!options.isObject()) {
                throw type("stream_options", "an object");
            }
            if (!stream) {
                throw ApiFault.of(ApiError.INVALID_REQUEST, "stream_options",
                        "'stream_options' is only allowed when 'stream' is true.");
            }
        }
    }

    private static void stop(ObjectNode body) {
        JsonNode stop = body.get("stop");
        if (stop == null || stop.isNull() || stop.isTextual()) {
            return;
        }
        if (!stop.isArray() || stop.size() > 4) {
            throw ApiFault.of(ApiError.INVALID_REQUEST, "stop", "'stop' must be a string or an array of at most 4 strings.");
        }
        for (JsonNode s : stop) {
            if (!s.isTextual()) {
                throw ApiFault.of(ApiError.INVALID_REQUEST, "stop", "'stop' must be a string or an array of at most 4 strings.");
            }
        }
    }

    private static boolean bool(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw type(field, "a boolean");
        }
        return node.booleanValue();
    }

    private static void integer(ObjectNode body, String field, long min, long max) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw type(field, "an integer");
        }
        long v = node.longValue();
        if (v < min || v > max) {
            throw range(field, min, max, node.asText());
        }
    }

    private static void number(ObjectNode body, String field, double min, double max) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return;
        }
        if (!node.isNumber()) {
            throw type(field, "a number");
        }
        double v = node.doubleValue();
        if (!(v >= min && v <= max)) {
            throw range(field, min, max, node.asText());
        }
    }

    private static JsonNode object(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw type(path, "an object");
        }
        return node;
    }

    private static void optionalObject(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        if (node != null && !node.isNull() && !node.isObject()) {
            throw type(field, "an object");
        }
    }

    static ApiFault missing(String param) {
        return ApiFault.of(ApiError.MISSING_REQUIRED_PARAMETER, param, "Missing required parameter: '" + param + "'.");
    }

    static ApiFault type(String param, String expected) {
        return ApiFault.of(ApiError.INVALID_TYPE, param, "Invalid type for '" + param + "': expected " + expected + ".");
    }

    private static ApiFault range(String param, Object min, Object max, String value) {
        String shown = value.length() > 32 ? value.substring(0, 32) + "…" : value;
        return ApiFault.of(ApiError.INVALID_VALUE, param,
                "Invalid value for '" + param + "': must be between " + fmt(min) + " and " + fmt(max) + ", but was " + shown + ".");
    }

    private static String fmt(Object o) {
        if (o instanceof Double d && d == Math.rint(d)) {
            return String.valueOf(d.longValue());
        }
        return String.valueOf(o);
    }
}
