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
 * Every text a model will read from a Responses API request ({@code POST /v1/responses}), by construction:
 * <ul>
 *   <li>{@code input} as a string, or a list of input items, each by an allow-list of item types: messages (content
 *       a string or parts, by the same part allow-list as chat), function and custom tool calls and their outputs,
 *       reasoning items (summaries and content), the built-in tools' calls and outputs (read whole), and item
 *       references (an id only). An unknown item type, a media part, a computer screenshot or a generated image is
 *       refused with {@code 400 unclassifiable_content} and the {@code param} that holds it.</li>
 *   <li>{@code instructions} (a string, or input items like {@code input}) and a reusable {@code prompt}'s
 *       variables (text; media refused).</li>
 *   <li>{@code tools} read whole, as for chat, except an MCP tool's {@code headers} and {@code authorization}
 *       (credentials for its server, which no model reads and no classifier should receive);</li>
 *   <li>every other top-level field not on a list of fields known to carry no model-read text ({@code tool_choice},
 *       {@code text.format} schemas, {@code reasoning}, and any field this gateway does not know) is read whole, as
 *       for chat.</li>
 * </ul>
 * State held by the upstream ({@code previous_response_id}, {@code conversation}, {@code item_reference} items, a
 * stored prompt's template, {@code encrypted_content} of reasoning items) cannot be read here; what it refers to was
 * produced by the upstream, or sent through the gateway, earlier.
 */
final class ResponseInputTexts {
    static final int MAX_ITEMS = 4096;
    private static final Set<String> ROLES = Set.of("user", "assistant", "system", "developer");
    /** Item fields that identify or sequence an item, or hold ciphertext only the upstream can read. */
    private static final Set<String> ITEM_OPAQUE = Set.of("type", "id", "call_id", "status", "encrypted_content");
    /** Message fields read by their own rule, or carrying no text. */
    private static final Set<String> MESSAGE_RULED = Set.of("type", "id", "status", "role", "content");
    /** Calls the model made and outputs of tools it called: every field but ids read whole, as the model's turn. */
    private static final Set<String> READ_WHOLE_CALLS = Set.of("function_call", "custom_tool_call", "reasoning",
            "file_search_call", "web_search_call", "computer_call", "code_interpreter_call", "local_shell_call",
            "shell_call", "apply_patch_call", "mcp_list_tools", "mcp_approval_request", "mcp_call");
    /** Outputs of tools, read whole as tool turns ({@code output} by the part rule when it is a list of parts). */
    private static final Set<String> TOOL_OUTPUTS = Set.of("function_call_output", "custom_tool_call_output",
            "local_shell_call_output", "shell_call_output", "apply_patch_call_output", "mcp_approval_response");
    /**
     * Top-level fields known to carry no text a model reads (numbers, flags, ids, include lists, stored metadata),
     * and the ones read by their own rule ({@code input}, {@code instructions}, {@code prompt}).
     */
    static final Set<String> OPAQUE_TOP_LEVEL = Set.of("model", "stream", "stream_options", "background", "include",
            "max_output_tokens", "max_tool_calls", "metadata", "parallel_tool_calls", "previous_response_id",
            "prompt_cache_key", "prompt_cache_retention", "safety_identifier", "service_tier", "store", "temperature",
            "top_logprobs", "top_p", "truncation", "user", "input", "instructions", "prompt", "tools");
    /** An MCP tool's credentials for its server. */
    private static final Set<String> MCP_CREDENTIALS = Set.of("headers", "authorization");

    private ResponseInputTexts() {
    }

    /** The texts of a request's {@code input}, {@code instructions}, {@code prompt} and other fields. */
    static List<TextSlot> read(ObjectNode body) {
        List<TextSlot> slots = new ArrayList<>();
        textOrItems(body, "instructions", "system", "a string", slots);
        textOrItems(body, "input", "user", "a string or an array of input items", slots);
        prompt(body, slots);
        tools(body, slots);
        PromptTexts.otherFields(body, OPAQUE_TOP_LEVEL, slots);
        return slots;
    }

    /** A field that is a string (one text of {@code role}) or a list of input items; absent or null: nothing. */
    private static void textOrItems(ObjectNode body, String field, String role, String expected, List<TextSlot> slots) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return;
        }
        if (value.isTextual()) {
            slots.add(TextSlot.field(role, body, field));
        } else if (value.isArray()) {
            items((ArrayNode) value, field, slots);
        } else {
            throw RequestValidator.type(field, expected);
        }
    }

    /**
     * Tool definitions, read whole (JSON-schema vocabulary skipped) — except the credentials a remote MCP server is
     * called with, which the platform sends to that server and no model reads (they must not reach a classifier).
     */
    private static void tools(ObjectNode body, List<TextSlot> slots) {
        JsonNode tools = body.get("tools");
        if (tools == null || tools.isNull()) {
            return;
        }
        if (!tools.isArray()) {
            throw RequestValidator.type("tools", "an array");
        }
        for (JsonNode node : tools) {
            if (!(node instanceof ObjectNode tool)) {
                continue;
            }
            boolean mcp = "mcp".equals(tool.path("type").asText());
            List<String> keys = new ArrayList<>();
            tool.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                if (!"type".equals(key) && !(mcp && MCP_CREDENTIALS.contains(key))) {
                    TextLeaves.collect("system", tool, key, TextLeaves.SCHEMA_KEYWORDS, slots);
                }
            }
        }
    }

    private static void items(ArrayNode items, String param, List<TextSlot> slots) {
        if (items.size() > MAX_ITEMS) {
            throw ApiFault.of(ApiError.INVALID_REQUEST, param, "'" + param + "' must contain at most " + MAX_ITEMS + " items.");
        }
        for (int i = 0; i < items.size(); i++) {
            String path = param + "[" + i + "]";
            JsonNode node = items.get(i);
            if (!(node instanceof ObjectNode item)) {
                throw RequestValidator.type(path, "an object");
            }
            item(item, path, slots);
        }
    }

    private static void item(ObjectNode item, String path, List<TextSlot> slots) {
        JsonNode typeNode = item.get("type");
        if (typeNode == null || typeNode.isNull()) {
            if (item.has("role")) { // an "easy" input message: {role, content}
                message(item, path, slots);
                return;
            }
            throw RequestValidator.missing(path + ".type");
        }
        if (!typeNode.isTextual()) {
            throw RequestValidator.type(path + ".type", "a string");
        }
        String type = typeNode.textValue();
        if ("message".equals(type)) {
            message(item, path, slots);
        } else if (READ_WHOLE_CALLS.contains(type)) {
            if ("code_interpreter_call".equals(type)) {
                refuseImageOutputs(item, path);
            }
            readWhole("assistant", item, slots);
        } else if (TOOL_OUTPUTS.contains(type)) {
            toolOutput(item, path, slots);
        } else if ("item_reference".equals(type)) {
            readWhole("user", item, slots); // an id; anything else on it is read
        } else if ("computer_call_output".equals(type)) {
            throw PromptTexts.unclassifiable(path + ".output", "Computer screenshots cannot be checked by this "
                    + "gateway's guardrails and are refused.");
        } else if ("image_generation_call".equals(type)) {
            throw PromptTexts.unclassifiable(path + ".type", "Generated images cannot be checked by this gateway's "
                    + "guardrails and are refused.");
        } else {
            throw PromptTexts.unclassifiable(path + ".type", "Unknown input item type '" + PromptTexts.shown(type)
                    + "' in '" + path + "'; the gateway forwards only content it can check.");
        }
    }

    private static void message(ObjectNode message, String path, List<TextSlot> slots) {
        JsonNode roleNode = message.get("role");
        if (roleNode == null || roleNode.isNull()) {
            throw RequestValidator.missing(path + ".role");
        }
        if (!roleNode.isTextual() || !ROLES.contains(roleNode.textValue())) {
            throw ApiFault.of(ApiError.INVALID_REQUEST, path + ".role",
                    "Invalid value for '" + path + ".role': expected one of user, assistant, system, developer.");
        }
        String role = roleNode.textValue();
        JsonNode content = message.get("content");
        if (content == null || content.isNull()) {
            throw RequestValidator.missing(path + ".content");
        }
        if (content.isTextual()) {
            slots.add(TextSlot.field(role, message, "content"));
        } else if (content.isArray()) {
            PromptTexts.parts(role, (ArrayNode) content, path + ".content", slots);
        } else {
            throw RequestValidator.type(path + ".content", "a string or an array of content parts");
        }
        List<String> keys = new ArrayList<>();
        message.fieldNames().forEachRemaining(keys::add);
        for (String key : keys) {
            if (!MESSAGE_RULED.contains(key)) {
                TextLeaves.collect(role, message, key, Set.of(), slots);
            }
        }
    }

    /** A tool's output: a string, or content parts by the part allow-list; its other fields read whole. */
    private static void toolOutput(ObjectNode item, String path, List<TextSlot> slots) {
        JsonNode output = item.get("output");
        boolean parts = output != null && output.isArray();
        if (parts) {
            PromptTexts.parts("tool", (ArrayNode) output, path + ".output", slots);
        }
        List<String> keys = new ArrayList<>();
        item.fieldNames().forEachRemaining(keys::add);
        for (String key : keys) {
            if (!ITEM_OPAQUE.contains(key) && !("output".equals(key) && parts)) {
                TextLeaves.collect("tool", item, key, Set.of(), slots);
            }
        }
    }

    private static void readWhole(String role, ObjectNode item, List<TextSlot> slots) {
        List<String> keys = new ArrayList<>();
        item.fieldNames().forEachRemaining(keys::add);
        for (String key : keys) {
            if (!ITEM_OPAQUE.contains(key)) {
                TextLeaves.collect(role, item, key, Set.of(), slots);
            }
        }
    }

    /** A code interpreter's image outputs cannot be checked. */
    private static void refuseImageOutputs(ObjectNode item, String path) {
        JsonNode outputs = item.get("outputs");
        if (outputs == null || !outputs.isArray()) {
            return;
        }
        for (int j = 0; j < outputs.size(); j++) {
            if ("image".equals(outputs.get(j).path("type").asText())) {
                throw PromptTexts.unclassifiable(path + ".outputs[" + j + "].type", "Images cannot be checked by this "
                        + "gateway's guardrails and are refused.");
            }
        }
    }

    /** A reusable prompt: its variables are text the model reads (strings or content parts); id and version are not. */
    private static void prompt(ObjectNode body, List<TextSlot> slots) {
        JsonNode prompt = body.get("prompt");
        if (prompt == null || prompt.isNull()) {
            return;
        }
        if (!(prompt instanceof ObjectNode p)) {
            throw RequestValidator.type("prompt", "an object");
        }
        List<String> keys = new ArrayList<>();
        p.fieldNames().forEachRemaining(keys::add);
        for (String key : keys) {
            if ("variables".equals(key) && p.get(key) instanceof ObjectNode variables) {
                List<String> names = new ArrayList<>();
                variables.fieldNames().forEachRemaining(names::add);
                for (String name : names) {
                    JsonNode value = variables.get(name);
                    if (value.isObject()) {
                        PromptTexts.part("user", value, "prompt.variables." + name, slots);
                    } else {
                        TextLeaves.collect("user", variables, name, Set.of(), slots);
                    }
                }
            } else if (!"id".equals(key) && !"version".equals(key)) {
                TextLeaves.collect("user", p, key, Set.of(), slots);
            }
        }
    }
}
