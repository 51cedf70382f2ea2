package dev.rampart.classifier.training;

import java.util.Objects;

/**
 * One example: a text, whether it is unsafe, its taxonomy category when known, and the data set it came from.
 *
 * @param text     the text
 * @param unsafe   the label
 * @param category a taxonomy id, or null when unknown or safe
 * @param source   the data set's name (per-source figures are reported)
 * @param origin   the text this one was derived from by augmentation (itself when not augmented): a text and its
 *                 derivatives always fall on the same side of a train/held-out split
 * @param style    the surface style when the data names it (question, instruction, comment, chat…), else null:
 *                 {@code rampart eval} reports figures per style
 */
public record LabeledText(String text, boolean unsafe, String category, String source, String origin, String style) {
    public LabeledText {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(origin, "origin");
    }

    public LabeledText(String text, boolean unsafe, String category, String source, String origin) {
        this(text, unsafe, category, source, origin, null);
    }

    public LabeledText(String text, boolean unsafe, String category, String source) {
        this(text, unsafe, category, source, text, null);
    }
}
