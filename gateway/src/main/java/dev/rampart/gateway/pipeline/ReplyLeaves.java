package dev.rampart.gateway.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rampart.gateway.openai.TextSlot;
import java.util.ArrayList;
import java.util.List;

/**
 * Every string under a field of a reply message, as assistant text slots (ids excepted): a reply field the gateway
 * has no rule for still reaches the client, so it is read rather than released unread.
 */
final class ReplyLeaves {
    private ReplyLeaves() {
    }

    static void collect(ObjectNode parent, String field, List<TextSlot> slots) {
        JsonNode value = parent.get(field);
        if (value == null || "id".equals(field)) {
            return;
        }
        if (value.isTextual()) {
            if (!value.textValue().isEmpty()) {
                slots.add(TextSlot.field("assistant", parent, field));
            }
        } else if (value instanceof ObjectNode object) {
            List<String> keys = new ArrayList<>();
            object.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                collect(object, key, slots);
            }
        } else if (value instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode item = array.get(i);
                if (item.isTextual() && !item.textValue().isEmpty()) {
                    slots.add(TextSlot.element("assistant", array, i));
                } else if (item instanceof ObjectNode object) {
                    List<String> keys = new ArrayList<>();
                    object.fieldNames().forEachRemaining(keys::add);
                    for (String key : keys) {
                        collect(object, key, slots);
                    }
                }
            }
        }
    }
}
