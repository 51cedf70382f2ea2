package dev.rampart.classifier.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JSON request body whose string values hold named placeholders (the {@code placeholder} pattern's group 1 is the
 * name). The template is parsed once; rendering replaces the placeholders in one pass over each string value of a copy
 * of the tree, so inserted text is JSON-escaped by the serializer, can never change the body's structure, and is never
 * itself searched for placeholders. Object keys are left as they are. Reward scorers ({@code {prompt}},
 * {@code {response}}, {@code {model}}) and generic remote guards ({@code ${text}}) both render through it.
 */
public final class JsonTemplate {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode template;
    private final Pattern placeholder;
    private final Set<String> used;

    private JsonTemplate(JsonNode template, Pattern placeholder) {
        this.template = template;
        this.placeholder = placeholder;
        Set<String> found = new LinkedHashSet<>();
        collect(template, found);
        this.used = Set.copyOf(found);
    }

    /**
     * @param json the template's JSON text: an object or an array
     * @param placeholder how a placeholder is written; group 1 is its name
     * @throws IllegalArgumentException when it is not JSON or not an object or array
     */
    public static JsonTemplate parse(String json, Pattern placeholder) {
        JsonNode tree;
        try {
            tree = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("must be JSON, but could not be read: " + e.getOriginalMessage());
        }
        if (tree == null || !(tree.isObject() || tree.isArray())) {
            throw new IllegalArgumentException("must be a JSON object or array");
        }
        return new JsonTemplate(tree, placeholder);
    }

    /** The JSON text of a YAML mapping or list, for templates written as YAML rather than as a JSON string. */
    public static String toJson(Object yaml) {
        try {
            return JSON.writeValueAsString(yaml);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot be written as JSON: " + e.getOriginalMessage());
        }
    }

    /** The names of the placeholders the template uses. */
    public Set<String> placeholders() {
        return used;
    }

    /** A new body with each placeholder replaced by its value (an absent value renders empty). */
    public JsonNode render(Map<String, String> values) {
        return fill(template.deepCopy(), values);
    }

    private JsonNode fill(JsonNode node, Map<String, String> values) {
        if (node.isTextual()) {
            return TextNode.valueOf(substitute(node.textValue(), values));
        }
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                object.set(name, fill(object.get(name), values));
            }
            return object;
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, fill(array.get(i), values));
            }
            return array;
        }
        return node;
    }

    private String substitute(String text, Map<String, String> values) {
        Matcher m = placeholder.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 256);
        do {
            String value = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
        } while (m.find());
        m.appendTail(out);
        return out.toString();
    }

    private void collect(JsonNode node, Set<String> found) {
        if (node.isTextual()) {
            Matcher m = placeholder.matcher(node.textValue());
            while (m.find()) {
                found.add(m.group(1));
            }
        } else {
            node.forEach(child -> collect(child, found));
        }
    }
}
