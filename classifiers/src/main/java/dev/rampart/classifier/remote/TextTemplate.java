package dev.rampart.classifier.remote;

import dev.rampart.classifier.runtime.JsonTemplate;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A generic guard's JSON request body whose string values may hold the {@value #PLACEHOLDER} placeholder, rendered
 * safely by {@link JsonTemplate}: the text is JSON-escaped and can never change the body's structure.
 */
final class TextTemplate {
    /** Where the text goes. */
    static final String PLACEHOLDER = "${text}";
    private static final Pattern PATTERN = Pattern.compile("\\$\\{(text)\\}");

    private final JsonTemplate template;

    private TextTemplate(JsonTemplate template) {
        this.template = template;
    }

    /** @throws IllegalArgumentException when {@code json} is not JSON, or not an object or array */
    static TextTemplate parse(String json) {
        return new TextTemplate(JsonTemplate.parse(json, PATTERN));
    }

    /** The JSON text of a YAML mapping or list. */
    static String toJson(Object yaml) {
        return JsonTemplate.toJson(yaml);
    }

    /** Whether a string value holds the placeholder. */
    boolean usesText() {
        return template.placeholders().contains("text");
    }

    /** The body with every placeholder replaced by {@code text}, as JSON text. */
    String render(String text) {
        return template.render(Map.of("text", text)).toString();
    }
}
