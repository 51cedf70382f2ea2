package dev.rampart.gateway.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Hands every string under {@code parent.field} to a {@link StreamFormat.TextSink} in document order, skipping the
 * format's structural keys (ids, types, indexes): one walk for every stream format, so no format reads less.
 *
 * @param structural keys whose values are not text a model generated
 * @param ownLogprobs whether an object holding its own {@code logprobs} owns the log probabilities of its strings
 *                    (Responses parts) rather than the answer's owner (chat choices)
 */
record TextLeafWalk(Set<String> structural, boolean ownLogprobs) {

    void leaves(StreamFormat.TextSink sink, int answer, ObjectNode owner, ObjectNode parent, String field) {
        if (structural.contains(field)) {
            return;
        }
        JsonNode value = parent.get(field);
        if (value == null) {
            return;
        }
        if (value.isTextual()) {
            sink.text(answer, parent, field, -1, ownLogprobs && parent.has("logprobs") ? parent : owner);
        } else if (value instanceof ObjectNode object) {
            fields(sink, answer, owner, object);
        } else if (value instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode item = array.get(i);
                if (item.isTextual()) {
                    sink.text(answer, array, null, i, owner);
                } else if (item instanceof ObjectNode object) {
                    fields(sink, answer, owner, object);
                }
            }
        }
    }

    private void fields(StreamFormat.TextSink sink, int answer, ObjectNode owner, ObjectNode object) {
        List<String> keys = new ArrayList<>();
        object.fieldNames().forEachRemaining(keys::add);
        for (String key : keys) {
            leaves(sink, answer, owner, object, key);
        }
    }
}
