package dev.rampart.classifier.reward;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rampart.classifier.runtime.JsonTemplate;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A reward scorer's JSON request body with {@code {prompt}}, {@code {response}} and {@code {model}} placeholders in
 * its string values, rendered safely by {@link JsonTemplate}.
 */
final class RequestTemplate {
    /** The placeholders a template may use. */
    static final Set<String> PLACEHOLDERS = Set.of("prompt", "response", "model");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(prompt|response|model)\\}");

    private final JsonTemplate template;

    private RequestTemplate(JsonTemplate template) {
        this.template = template;
    }

    /**
     * @param json the template's JSON text: an object or an array
     * @throws IllegalArgumentException when it is not JSON or not an object or array
     */
    static RequestTemplate parse(String json) {
        return new RequestTemplate(JsonTemplate.parse(json, PLACEHOLDER));
    }

    /** The JSON text of a YAML mapping or list, for templates written as YAML rather than as a JSON string. */
    static String toJson(Object yaml) {
        return JsonTemplate.toJson(yaml);
    }

    /** The placeholders the template uses. */
    Set<String> placeholders() {
        return template.placeholders();
    }

    /** A new body with each placeholder replaced by its value ({@code prompt}, {@code response}, {@code model}). */
    JsonNode render(Map<String, String> values) {
        return template.render(values);
    }
}
