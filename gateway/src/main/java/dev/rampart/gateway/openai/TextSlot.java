package dev.rampart.gateway.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A place in a JSON document that holds text the guard inspects, and can be rewritten (redaction).
 *
 * @param role  the OpenAI role of the turn the text belongs to ({@code user}, {@code system}, {@code assistant},
 *              {@code tool}), or {@code input} for completions/embeddings/moderations inputs
 * @param text  the text as sent
 */
public record TextSlot(String role, String text, Writer writer) {

    /** Writes a replacement text back into the document. */
    public interface Writer {
        void write(String replacement);
    }

    public static TextSlot field(String role, ObjectNode parent, String field) {
        return new TextSlot(role, parent.get(field).textValue(), replacement -> parent.put(field, replacement));
    }

    public static TextSlot element(String role, ArrayNode parent, int index) {
        return new TextSlot(role, parent.get(index).textValue(), replacement -> parent.set(index,
                parent.textNode(replacement)));
    }
}
