package dev.rampart.gateway.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every string inside a JSON value, as text slots: how the guard reads a field it has no specific rule for. A field
 * nobody told the gateway about may still reach a model (model servers turn unknown fields into prompt text), so it
 * is read whole rather than forwarded unread. Bounded by the body's own size (the body was read under a cap).
 */
final class TextLeaves {
    /** JSON-schema keywords whose values are vocabulary, not text a model reads as instructions. */
    static final Set<String> SCHEMA_KEYWORDS = Set.of("type", "required", "$ref", "$schema", "additionalProperties");

    private TextLeaves() {
    }

    /** Adds a slot for every non-empty string under {@code parent.field}. */
    static void collect(String role, ObjectNode parent, String field, Set<String> skipKeys, List<TextSlot> slots) {
        JsonNode value = parent.get(field);
        if (value == null) {
            return;
        }
        if (value.isTextual()) {
            if (!value.textValue().isEmpty()) {
                slots.add(TextSlot.field(role, parent, field));
            }
        } else if (value.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
            while (fields.hasNext()) {
                String key = fields.next().getKey();
                if (!skipKeys.contains(key)) {
                    collect(role, (ObjectNode) value, key, skipKeys, slots);
                }
            }
        } else if (value.isArray()) {
            collectArray(role, (ArrayNode) value, skipKeys, slots);
        }
    }

    private static void collectArray(String role, ArrayNode array, Set<String> skipKeys, List<TextSlot> slots) {
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            if (item.isTextual()) {
                if (!item.textValue().isEmpty()) {
                    slots.add(TextSlot.element(role, array, i));
                }
            } else if (item.isObject()) {
                Iterator<String> names = item.fieldNames();
                while (names.hasNext()) {
                    String key = names.next();
                    if (!skipKeys.contains(key)) {
                        collect(role, (ObjectNode) item, key, skipKeys, slots);
                    }
                }
            } else if (item.isArray()) {
                collectArray(role, (ArrayNode) item, skipKeys, slots);
            }
        }
    }
}
