package dev.rampart.classifier;

import dev.rampart.policy.Direction;
import java.util.List;
import java.util.Objects;

/**
 * What a classifier is asked to score.
 *
 * @param direction    prompt or completion
 * @param text         the text to score, exactly as the client or upstream sent it (classifiers normalise it themselves)
 * @param conversation the whole conversation for classifiers that read roles (Llama Guard); may be empty,
 *                     in which case {@code text} is the only turn
 */
public record ClassificationInput(Direction direction, String text, List<Turn> conversation) {
    public ClassificationInput {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(text, "text");
        conversation = List.copyOf(conversation);
    }

    public static ClassificationInput of(Direction direction, String text) {
        return new ClassificationInput(direction, text, List.of());
    }

    /** One turn of a conversation: role as OpenAI names it ({@code system}, {@code user}, {@code assistant}, {@code tool}). */
    public record Turn(String role, String content) {
        public Turn {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(content, "content");
        }
    }
}
