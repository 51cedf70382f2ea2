package dev.rampart.classifier.remote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A JSON request body whose string values may hold the {@value #PLACEHOLDER} placeholder. Parsed once; rendering
 * replaces the placeholder in the string values of a copy of the tree, so the inserted text is JSON-escaped by the
 * serializer and can never change the body's structure (nor is it searched for placeholders). Object keys are left
 * as they are.
 */
final class TextTemplate {
    /** Where the text goes. */
    static final String PLACEHOLDER = "${text}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode template;
    private final boolean usesText;

    private TextTemplate(JsonNode template) {
        this.template = template;
        this.usesText = uses(template);
    }

    /** @throws IllegalArgumentException when {@code json} is not JSON, or not an object or array */
    static TextTemplate parse(String json) {
        JsonNode tree;
        try {
            tree = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("must be JSON, but could not be read: " + e.getOriginalMessage());
        }
        if (tree == null || !(tree.isObject() || tree.isArray())) {
            throw new IllegalArgumentException("must be a JSON object or array");
        }
        return new TextTemplate(tree);
    }

    /** The JSON text of a YAML mapping or list. */
    static String toJson(Object yaml) {
        try {
            return JSON.writeValueAsString(yaml);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot be written as JSON: " + e.getOriginalMessage());
        }
    }

    /** Whether a string value holds the placeholder. */
    boolean usesText() {
        return usesText;
    }

    /** The body with every placeholder replaced by {@code text}, as JSON text. */
    String render(String text) {
        return fill(template.deepCopy(), text).toString();
    }

    private static JsonNode fill(JsonNode node, String text) {
        if (node.isTextual()) {
            return node.textValue().contains(PLACEHOLDER)
                    ? TextNode.valueOf(node.textValue().replace(PLACEHOLDER, text)) : node;
        }
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                object.set(name, fill(object.get(name), text));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, fill(array.get(i), text));
            }
        }
        return node;
    }

    private static boolean uses(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue().contains(PLACEHOLDER);
        }
        for (JsonNode child : node) {
            if (uses(child)) {
                return true;
            }
        }
        return false;
    }
}
