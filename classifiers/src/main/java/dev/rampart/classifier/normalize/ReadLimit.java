package dev.rampart.classifier.normalize;

import java.util.Optional;

/**
 * The most characters of one text a classifier reads. Classifiers read every character of a text up to this bound
 * (no sampling); a longer text is not partly read but refused: the classifier returns an {@code ERROR} for its
 * categories with {@link #refusal(String)} as the reason, so each category's {@code on_error} applies and the decision
 * says why. The extra readings of {@link TextViews} are bounded relative to the text and do not count here.
 *
 * @param maxChars most characters (UTF-16 code units) of one text
 */
public record ReadLimit(int maxChars) {
    /** 200,000 characters: about 50,000 tokens, several times any current model's context. */
    public static final ReadLimit DEFAULTS = new ReadLimit(200_000);

    public ReadLimit {
        if (maxChars < 1) {
            throw new IllegalArgumentException("max_classified_chars must be at least 1, but was " + maxChars);
        }
    }

    /** The reason {@code text} is refused, or empty when it is within the limit. */
    public Optional<String> refusal(String text) {
        return text.length() <= maxChars ? Optional.empty()
                : Optional.of("text of " + text.length() + " chars is over the read limit of " + maxChars + " chars");
    }
}
